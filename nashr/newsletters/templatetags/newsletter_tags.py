"""The newsletter signup of the readers' pages: nashr/templating.py renders the Jinja2 component
components/newsletter_signup.html with what `newsletter_signup` returns (no Django template shows it)."""

from django.utils import translation

from nashr.caching.queries import PreparedQuery

from ..forms import SignupForm
from ..models import MailingList

# The first list a form offers (is there a form at all?): on every page, by a prepared query.
_FIRST = PreparedQuery(lambda language: MailingList.objects.offered(language)[:1])
_FIRST_OF_PAGE = PreparedQuery(
    lambda language, page: MailingList.objects.offered(language).filter(page_id=page)[:1]
)


def newsletter_signup(page=None, id_prefix="signup", heading="", classname=""):
    """The signup form for the current edition's lists, or only those whose page is `page`; nothing if none.

    Shown on cached pages: it depends on the edition and the lists only (publishing renews the edition when
    a list changes: newsletters/signals.py)."""
    language = translation.get_language()
    lists = MailingList.objects.offered(language)
    if page is not None:
        lists = lists.filter(page=page)
        found = _FIRST_OF_PAGE(language=language, page=page.pk)
    else:
        found = _FIRST(language=language)
    first = found[0] if found else None  # one query for an edition without lists; one more for the form
    form = SignupForm(lists=lists, first=first, auto_id=f"{id_prefix}-%s") if first else None
    return {"form": form, "heading": heading, "classname": classname}
