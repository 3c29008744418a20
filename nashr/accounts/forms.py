from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from nashr.accounts import factors, throttle
from nashr.core import ratelimit


class Throttled:
    """For a sign-in form (Django's AuthenticationForm), throttled (nashr/accounts/throttle.py): a try while
    waiting or locked is refused before the password is checked; every failure and success is counted and
    logged."""

    def clean(self):
        attempt = throttle.Attempt(self.request, self.cleaned_data.get("username"))
        refusal = attempt.refusal()
        if refusal is not None:
            attempt.failed("password", refusal)
            raise forms.ValidationError(refusal.message, code="throttled")
        try:
            cleaned_data = super().clean()
        except forms.ValidationError:
            attempt.failed("password")
            raise
        user = self.get_user()
        if user is not None:  # None when a field was left empty: no try was made
            attempt.succeeded(user, "password", complete=not factors.has_any_device(user))
        return cleaned_data


class ThrottledLoginForm(Throttled, LoginForm):
    """Wagtail's admin sign-in form (WAGTAILADMIN_USER_LOGIN_FORM)."""


class ThrottledSiteLoginForm(Throttled, AuthenticationForm):
    """The sign-in form of Wagtail's private pages (`<edition>/_util/login/`): the same accounts."""


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's password reset, which says the same whatever is typed; from a locked address, or past
    NASHR_PASSWORD_RESET_RATE requests from one address, it sends nothing (and still says the same)."""

    def save(self, *args, request=None, **kwargs):
        limit, window = settings.NASHR_PASSWORD_RESET_RATE
        if throttle.Attempt(request, "").address_locked() or not ratelimit.allow(
            request, "password_reset", limit, window
        ):
            return
        super().save(*args, request=request, **kwargs)


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app, or a recovery code, checked against `devices`."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "dir": "ltr"}),
    )
    error = _("This code is not right, or was used already. Try the newest one.")
    wait = _("This code was not checked: wait a little after a wrong code, then try the newest one.")

    def __init__(self, *args, devices, refusal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None
        self.refusal = refusal  # the sign-in throttle's message: no code is checked

    def clean_code(self):
        if self.refusal:
            raise forms.ValidationError(self.refusal, code="throttled")
        code = "".join(self.cleaned_data["code"].split()).lower()
        waiting = False
        for device in self.devices:
            if not device.verify_is_allowed()[0]:
                waiting = True
                continue  # throttled after wrong codes: waits its turn, growing with each failure
            token = code if isinstance(device, StaticDevice) else code.replace("-", "")
            if isinstance(device, TOTPDevice) and not token.isdigit():
                continue
            if device.verify_token(token):
                self.device = device
                return code
        if waiting:
            raise forms.ValidationError(self.wait, code="waiting")
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
