"""Passkeys are bound to the address the admin is reached at: the relying party is the request's host
(already checked against ALLOWED_HOSTS) and the only origin accepted is the request's own. A passkey made
on `localhost` therefore does not work on `127.0.0.1`, nor one made on a mirror's address on the main one.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.views import CompleteCredentialAuthenticationView

from nashr.accounts import throttle


def relying_party_id(request):
    return urlsplit(request.build_absolute_uri("/")).hostname


class SiteWebAuthnHelper(WebAuthnHelper):
    def get_relying_party_domain(self):
        return relying_party_id(self.request)

    def get_relying_party_name(self):
        return settings.WAGTAIL_SITE_NAME

    def get_allowed_origins(self):
        parts = urlsplit(self.request.build_absolute_uri("/"))
        return [f"{parts.scheme}://{parts.netloc}"]


class SignInRefused(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_code = "sign_in_throttled"


class CompletePasskeySignIn(CompleteCredentialAuthenticationView):
    """A passkey as the second step, throttled and logged like a code (nashr/accounts/throttle.py): refused
    before the assertion is looked at while the account and address wait or are locked."""

    def post(self, *args, **kwargs):
        attempt = throttle.Attempt(self.request, self.request.user.get_username())
        refusal = attempt.refusal()
        if refusal is not None:
            attempt.failed("second", refusal)
            raise SignInRefused(refusal.message)
        try:
            response = super().post(*args, **kwargs)
        except exceptions.OTPWebAuthnApiError:
            attempt.failed("second")
            raise
        attempt.succeeded(self.request.user, "second", complete=True)
        return response
