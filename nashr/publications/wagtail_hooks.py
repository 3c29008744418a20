from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import digest
from .models import DigestSchedule, PeriodicalIssuePage

SEND_TEST = "action-send-test"


class SendTestMenuItem(ActionMenuItem):
    """Saves the draft, then mails the issue as it now stands to the editor (after_edit_page below)."""

    label = gettext_lazy("Save draft and send me a test")
    name = SEND_TEST
    icon_name = "mail"
    order = 90

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page.specific_deferred, PeriodicalIssuePage)
            and not context["locked_for_user"]
            and self.get_user_page_permissions_tester(context).can_edit()
        )


@hooks.register("register_page_action_menu_item")
def register_send_test():
    return SendTestMenuItem()


@hooks.register("after_edit_page")
def send_test_when_asked(request, page):
    """After "Save draft and send me a test" has saved: the test, and a message saying where it went."""
    if not request.POST.get(SEND_TEST) or not isinstance(page.specific_deferred, PeriodicalIssuePage):
        return None
    from .send_test import TestMailError, send_test  # SMTP's client: not in a web worker serving readers

    try:
        address = send_test(page.specific, request.user)
    except TestMailError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A test was sent to %(address)s.") % {"address": address})
    return None


class DigestScheduleViewSet(SnippetViewSet):
    model = DigestSchedule
    icon = "date"
    add_to_settings_menu = True
    list_display = ["__str__", "weekday", "hour", "time_zone", "enabled", "auto_send"]


register_snippet(DigestScheduleViewSet)


@hooks.register("nashr_worker_round", order=10)  # nashr/worker/schedule.py: before the offline editions
def compose_digests():
    digest.compose_due()
