"""What an account has for its second step, and the changes made to it: enrol, recovery codes, revoke.

A second factor is a passkey (django-otp-webauthn's WebAuthnCredential) or an authenticator app
(django-otp's TOTPDevice). Recovery codes (django-otp's StaticDevice) let someone who lost both in once
each; they are not a second factor on their own, so an account left with only codes is led to enrol again.
"""

from importlib import import_module

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from nashr.accounts import audit

RECOVERY_CODES = 10
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_factor(device):
    """True for a passkey or an authenticator app: a device that is a second factor on its own."""
    return isinstance(device, TOTPDevice | WebAuthnCredential)


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def authenticator_apps(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_factor(user):
    return passkeys(user).exists() or authenticator_apps(user).exists()


def has_any_device(user):
    """A device of any kind, recovery codes included: such an account must pass the second step."""
    return user_has_device(user, confirmed=True)


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def may_change_factors(request):
    """Adding a factor needs the second step passed first, unless the account has no device at all."""
    user = request.user
    return user.is_authenticated and (user.is_verified() or not has_any_device(user))


def second_step_pending(request):
    """True for a signed-in session that has yet to pass (or enrol for) the second step."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return settings.NASHR_REQUIRE_2FA or has_any_device(user)


def new_authenticator_app(user):
    """An unconfirmed TOTP device, replacing any earlier one left unconfirmed; confirmed by a first code."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def new_recovery_codes(user):
    """Replaces the account's recovery codes with RECOVERY_CODES new ones and returns them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_factor(user, device):
    """Removes one of the user's devices; the recovery codes go with the last factor."""
    device.delete()
    if not has_factor(user):
        StaticDevice.objects.filter(user=user).delete()


def log_out_everywhere(user):
    """Ends every session of the user in the session store, where the store can list its sessions.

    Whatever the store, a changed password also ends them: Django checks each session's password hash.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):  # cache-only stores cannot be listed
        return 0
    ended = 0
    for session in store.get_model_class().objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def revoke(user, *, disable_password=True, by=None):
    """For a compromised account: removes every device and recovery code, ends every session and, unless
    told otherwise, makes the password unusable so that whoever knows it cannot sign in and enrol their own
    factor. Logged in the audit log (by `by`). Returns the number of devices removed and sessions ended."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    if disable_password:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    sessions = log_out_everywhere(user)
    audit.log(
        user,
        "nashr.sign_in_revoked",
        by=by,
        devices=len(devices),
        sessions=sessions,
        password_disabled=disable_password,
    )
    return len(devices), sessions
