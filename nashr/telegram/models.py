"""A Telegram channel per edition, and what was posted there for each piece.

The bot token is stored encrypted (core.secrets), never shown again. `TelegramPost` remembers, per page, the
message in the channel and a fingerprint of what it shows, so the worker can tell whether a republish
changed anything and which message to edit or delete, even after the page itself is deleted.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nashr.core import secrets

CHAT = re.compile(r"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{5,20})$")


def validate_chat(value):
    if not CHAT.match(value or ""):
        raise ValidationError(
            _("Give the channel's public name (@name) or its numeric id (such as -1001234567890)."),
            code="chat",
        )


class TelegramChannel(models.Model):
    """The channel an edition posts to, and its bot."""

    locale = models.OneToOneField(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    chat = models.CharField(
        _("channel"),
        max_length=64,
        validators=[validate_chat],
        help_text=_("The channel's public name (@name) or its numeric id; the bot must be an admin there."),
    )
    token_encrypted = models.TextField(editable=False, blank=True)
    active = models.BooleanField(
        _("post new pieces"),
        default=True,
        help_text=_("Off: nothing new is posted; posts already sent are still edited and taken down."),
    )
    connected_at = models.DateTimeField(default=timezone.now, editable=False)
    bot_username = models.CharField(max_length=64, blank=True, editable=False)
    sent_count = models.PositiveIntegerField(_("posts sent"), default=0, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Telegram channel")
        verbose_name_plural = _("Telegram channels")

    def __str__(self):
        return f"{self.chat} ({self.locale.language_code})"

    @property
    def has_token(self):
        return bool(self.token_encrypted)

    def set_token(self, token):
        self.token_encrypted = secrets.encrypt("telegram.token", token.strip())

    @property
    def token(self):
        """The bot token; "" when none is stored or the key it was stored with is gone."""
        if not self.token_encrypted:
            return ""
        try:
            return secrets.decrypt("telegram.token", self.token_encrypted)
        except secrets.SecretUnreadable:
            return ""

    def record_error(self, message):
        TelegramChannel.objects.filter(pk=self.pk).update(last_error=message, last_error_at=timezone.now())
        self.last_error, self.last_error_at = message, timezone.now()

    def record_sent(self):
        TelegramChannel.objects.filter(pk=self.pk).update(sent_count=F("sent_count") + 1)

    def pending_retries(self):
        return self.posts.filter(state=TelegramPost.State.RETRYING).count()


class TelegramPost(models.Model):
    """One piece's message in one channel. `page_id` is no foreign key: the row outlives a deleted page,
    whose message must still be deleted."""

    class State(models.TextChoices):
        POSTED = "posted", _("posted")
        RETRYING = "retrying", _("waiting for a retry")
        FAILED = "failed", _("failed")
        DELETED = "deleted", _("deleted")
        RETRACTED = "retracted", _("replaced by a retraction notice")

    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo with caption")
        TEXT = "text", _("text with link preview")

    channel = models.ForeignKey(TelegramChannel, on_delete=models.CASCADE, related_name="posts")
    page_id = models.PositiveIntegerField(db_index=True)
    title = models.CharField(max_length=255, blank=True)
    message_id = models.BigIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)  # of what the message shows (message.py)
    image_key = models.CharField(max_length=128, blank=True)
    state = models.CharField(max_length=12, choices=State.choices)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "page_id"], name="telegram_one_post_per_page")
        ]

    def __str__(self):
        return f"{self.title} → {self.channel.chat} #{self.message_id}"
