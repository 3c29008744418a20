"""The newsletter signup of the readers' pages: nashr/templating.py renders the Jinja2 component
components/newsletter_signup.html with what `newsletter_signup` returns (no Django template shows it)."""

from django.utils import translation

from nashr.caching.queries import PreparedQuery

from ..forms import SignupForm
from ..models import MailingList

# The lists a form offers, on every page, by prepared queries (the field's choices, and the first ticked).
_OFFERED = PreparedQuery(lambda language: MailingList.objects.offered(language))
_OFFERED_ON_PAGE = PreparedQuery(
    lambda language, page: MailingList.objects.offered(language).filter(page_id=page)
)


def newsletter_signup(page=None, id_prefix="signup", heading="", classname=""):
    """The signup form for the current edition's lists, or only those whose page is `page`; nothing if none.

    Shown on cached pages: it depends on the edition and the lists only (publishing renews the edition when
    a list changes: newsletters/signals.py)."""
    language = translation.get_language()
    if page is not None:
        shown = _OFFERED_ON_PAGE(language=language, page=page.pk)
    else:
        shown = _OFFERED(language=language)
    form = None
    if shown:  # the queryset validates what a reader sends (to the signup view); the form shows `shown`
        lists = MailingList.objects.offered(language)
        lists = lists.filter(page=page) if page is not None else lists
        form = SignupForm(lists=lists, shown=shown, auto_id=f"{id_prefix}-%s")
    return {"form": form, "heading": heading, "classname": classname}
