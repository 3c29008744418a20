"""The admin's side of sending: send or schedule an issue to its lists; the mailings and their progress."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page

from .models import Delivery, Mailing, MailingList, MailingTarget
from .sending import NothingToSend, enqueue, issue_lists, send_issue


class SendForm(forms.Form):
    lists = forms.ModelMultipleChoiceField(
        queryset=MailingList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Lists"),
        help_text=gettext_lazy("Lists that already have this issue are not offered: nobody gets it twice."),
    )
    send_at = forms.DateTimeField(
        required=False,
        widget=AdminDateTimeInput,
        label=gettext_lazy("Send at"),
        help_text=gettext_lazy("Leave empty to send now."),
    )

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists
        self.fields["lists"].label_from_instance = lambda m: (
            _("%(name)s (%(count)s subscribers)")
            % {
                "name": m.name,
                "count": m.subscriber_count(),
            }
        )

    def clean_send_at(self):
        when = self.cleaned_data["send_at"]
        if when is not None and when < timezone.now() - timezone.timedelta(minutes=1):
            raise forms.ValidationError(_("This time has passed."))
        return when


class SendIssueView(WagtailAdminTemplateMixin, FormView):
    """Send a published issue to lists of its edition, now or at a set time."""

    form_class = SendForm
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "mail"

    def dispatch(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id).specific
        if getattr(page, "periodical", None) is None:
            raise Http404
        if not page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        self.page = page
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Send to subscribers")

    def get_page_subtitle(self):
        return self.page.title

    def get_form_kwargs(self):
        taken = MailingTarget.objects.filter(page=self.page).values("list")
        lists = MailingList.objects.filter(locale_id=self.page.locale_id).exclude(pk__in=taken)
        return {
            **super().get_form_kwargs(),
            "lists": lists,
            "initial": {"lists": list(issue_lists(self.page).exclude(pk__in=taken))},
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Send"),
            submit_button_active_label=_("Queueing…"),
        )
        return context

    def form_valid(self, form):
        try:
            mailing = send_issue(
                self.page, form.cleaned_data["lists"], form.cleaned_data["send_at"], user=self.request.user
            )
        except NothingToSend as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("“%(title)s” is queued for its lists.") % {"title": mailing.title})
        return redirect("newsletters_admin:mailing", mailing.pk)


def mailings(request):
    """The latest mailings with their progress (Delivery counts per status)."""
    rows = Mailing.objects.prefetch_related("lists")[:50]
    return TemplateResponse(
        request, "newsletters/admin/mailings.html", {"mailings": rows, "header_icon": "mail"}
    )


def mailing(request, pk):
    """One mailing: progress, and the recipients it could not reach or is unsure of."""
    item = get_object_or_404(Mailing, pk=pk)
    problems = (
        item.deliveries.filter(status__in=[Delivery.Status.FAILED, Delivery.Status.UNCERTAIN])
        .select_related("subscriber")
        .order_by("id")[:200]
    )
    if not request.user.has_perm("newsletters.view_subscriber"):
        problems = None  # addresses are for who may see subscribers
    context = {"mailing": item, "progress": item.progress(), "problems": problems, "header_icon": "mail"}
    return TemplateResponse(request, "newsletters/admin/mailing.html", context)


@require_POST
def resume(request, pk):
    """Ask the worker to go on with a mailing whose task gave up (the mail server was down)."""
    item = get_object_or_404(Mailing, pk=pk, status__in=[Mailing.Status.SENDING, Mailing.Status.SCHEDULED])
    if not request.user.has_perm("newsletters.change_mailing"):
        raise PermissionDenied
    enqueue(item, at=max(item.scheduled_at, timezone.now()))
    messages.success(request, _("The worker will go on sending it."))
    return redirect("newsletters_admin:mailing", pk)


@require_POST
def cancel(request, pk):
    """Cancel a mailing that has not started."""
    if not request.user.has_perm("newsletters.change_mailing"):
        raise PermissionDenied
    cancelled = Mailing.objects.filter(pk=pk, status=Mailing.Status.SCHEDULED, runner="").update(
        status=Mailing.Status.CANCELLED
    )
    if cancelled:
        MailingTarget.objects.filter(mailing_id=pk).delete()  # its lists may have the issue later
        messages.success(request, _("Cancelled: nothing was sent."))
    return redirect(reverse("newsletters_admin:mailing", args=[pk]))
