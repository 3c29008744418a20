"""Who made the demo's pictures, as each edition reads it. The names are content
(content/media_and_pages.json, "credits": each name in each edition's script); "Photo: …" and "Drawing: …" are
interface strings, translated in nashr/locale like the rest of the interface."""

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

KINDS = {
    # Translators: the credit of a picture of the demo, e.g. "Photo: Lena Moravec".
    "photo": gettext_noop("Photo: %(name)s"),
    # Translators: the credit of a drawing of the demo (a cartoon), e.g. "Drawing: Ilka Brandt".
    "drawing": gettext_noop("Drawing: %(name)s"),
}


def credit_in(names, credit, lang):
    """The credit in edition `lang`: `credit` is a name's key (the publication's own pictures: "nashr") or
    {kind: a name's key} (e.g. {"photo": "lena-moravec"}); `names` is {key: {lang: name}}. Empty if none."""
    if not credit:
        return ""
    if isinstance(credit, str):
        return names[credit][lang]
    ((kind, key),) = credit.items()
    with translation.override(lang):
        return gettext(KINDS[kind]) % {"name": names[key][lang]}
