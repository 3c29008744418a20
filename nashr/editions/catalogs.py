"""Texts of the active language's catalog, kept with the catalog for the life of the process.

Django looks a text up in the catalog on every call; one the catalog lacks (most of the English edition's,
whose texts are their own translation) goes through the catalog's plural function and its fallbacks: about
40 Python calls, and a page asks for some fifty texts. What is kept here hangs on Django's translation
object, so a catalog Django loads again (a changed .mo file under runserver) starts with nothing kept.
Only texts are kept: what the code and the catalogs give, the same for every page and reader.
"""

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real


def kept(name):
    """A dict kept on the active language's catalog, or None where none is active (Django's default)."""
    catalog = getattr(trans_real._active, "value", None)  # what `get_language()` reads
    if catalog is None:
        return None
    found = catalog.__dict__.get(name)
    if found is None:
        found = catalog.__dict__[name] = {}
    return found


def gettext(message):
    """Django's `gettext(message)`."""
    texts = kept("_nashr_texts")
    if texts is None or type(message) is not str:
        return translation.gettext(message)
    found = texts.get(message)
    if found is None:
        found = texts[message] = translation.gettext(message)
    return found


def text(value):
    """`str(value)` of a lazy translation made once and kept (a form's label, a network's name), by the
    lazy object itself; any other value as it is."""
    if not isinstance(value, Promise):
        return value
    texts = kept("_nashr_lazy")
    if texts is None:
        return str(value)
    found = texts.get(id(value))
    if found is None or found[0] is not value:  # the object is kept with its text: its id is never reused
        found = (value, str(value))
        if len(texts) < LAZY_KEPT:  # lazy texts made per call (none is, today) are not piled up
            texts[id(value)] = found
    return found[1]


LAZY_KEPT = 1000
