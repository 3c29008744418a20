"""The channel's status in its edit view: posts sent, the last error, what waits for a retry or failed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .models import TelegramPost


class StatusPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Status"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "telegram/admin/status_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            channel = self.instance
            problems = channel.posts.filter(
                state__in=[
                    TelegramPost.State.RETRYING,
                    TelegramPost.State.FAILED,
                    TelegramPost.State.RETRACTED,
                ]
            ).order_by("-updated_at")
            context.update(
                channel=channel,
                pending=channel.pending_retries(),
                problems=problems[:20],
                test_url=reverse("telegram_admin:test", args=[channel.pk]),
            )
            return context
