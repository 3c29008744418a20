"""The newsletter signup of the readers' pages: nashr/templating.py renders the Jinja2 component
components/newsletter_signup.html with what `newsletter_signup` returns (no Django template shows it)."""

from django.utils import translation

from ..forms import SignupForm
from ..models import MailingList


def newsletter_signup(page=None, id_prefix="signup", heading="", classname=""):
    """The signup form for the current edition's lists, or only those whose page is `page`; nothing if none.

    Shown on cached pages: it depends on the edition and the lists only (publishing renews the edition when
    a list changes: newsletters/signals.py)."""
    lists = MailingList.objects.offered(translation.get_language())
    if page is not None:
        lists = lists.filter(page=page)
    first = lists.first()  # one query for an edition without lists, as for one with (then one more)
    form = SignupForm(lists=lists, first=first, auto_id=f"{id_prefix}-%s") if first else None
    return {"form": form, "heading": heading, "classname": classname}
