"""The channel's form in the admin: the bot token is write-only (never rendered back), the edition one the
user may work on."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from nashr.users.permissions import edition_policy

TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{10,}$")


class TelegramChannelForm(WagtailAdminModelForm):
    token = forms.CharField(
        label=_("bot token"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("From @BotFather, such as 123456789:AAH…; stored encrypted and never shown again."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.has_token:
            self.fields["token"].help_text = _(
                "A token is stored. Leave this empty to keep it; type a new one to replace it."
            )
        if "locale" in self.fields:
            taken = type(self.instance).objects.exclude(pk=self.instance.pk).values("locale")
            locales = Locale.objects.exclude(pk__in=taken).order_by("language_code")
            user = getattr(self, "for_user", None)
            allowed = (
                edition_policy(type(self.instance)).locale_ids(
                    user, "add" if not self.instance.pk else "change"
                )
                if user
                else None
            )
            if allowed is not None:
                locales = locales.filter(pk__in=allowed)
            self.fields["locale"].queryset = locales

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not token and not self.instance.has_token:
            raise forms.ValidationError(_("Give the bot token that @BotFather gave you."), code="required")
        if token and not TOKEN.match(token):
            raise forms.ValidationError(
                _("This is not a bot token: it reads like 123456789:AAH… (digits, a colon, then letters)."),
                code="token",
            )
        return token

    def save(self, commit=True):
        if self.cleaned_data.get("token"):
            self.instance.set_token(self.cleaned_data["token"])
        return super().save(commit=commit)
