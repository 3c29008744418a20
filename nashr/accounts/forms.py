from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app, or a recovery code, checked against `devices`."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "dir": "ltr"}),
    )
    error = _("This code is not right, or was used already. Try the newest one.")

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        for device in self.devices:
            if not device.verify_is_allowed()[0]:
                continue  # throttled after wrong codes: waits its turn, growing with each failure
            token = code if isinstance(device, StaticDevice) else code.replace("-", "")
            if isinstance(device, TOTPDevice) and not token.isdigit():
                continue
            if device.verify_token(token):
                self.device = device
                return code
        raise forms.ValidationError(self.error)


class RevokeForm(forms.Form):
    disable_password = forms.BooleanField(
        label=_("Also make the password unusable"),
        required=False,
        initial=True,
        help_text=_(
            "Whoever knows the password could otherwise sign in and enrol their own second factor. "
            "Set a new password afterwards and hand it over in person or through a safe channel."
        ),
    )
