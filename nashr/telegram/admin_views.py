"""The "send a test message" page of a channel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nashr.users.permissions import edition_policy

from .models import TelegramChannel
from .sync import send_test


def test_message(request, pk):
    channel = get_object_or_404(TelegramChannel.objects.select_related("locale"), pk=pk)
    if not edition_policy(TelegramChannel).user_has_permission_for_instance(request.user, "change", channel):
        raise PermissionDenied
    edit_url = reverse("wagtailsnippets_telegram_telegramchannel:edit", args=[pk])
    if request.method == "POST":
        problem = send_test(channel)
        if problem:
            messages.error(request, problem)
        else:
            messages.success(
                request, _("Sent: look for the test message in %(chat)s.") % {"chat": channel.chat}
            )
        return redirect(edit_url)
    return render(request, "telegram/admin/test_message.html", {"channel": channel, "edit_url": edit_url})
