"""The passkey as the second step of signing in, throttled and logged like a code (accounts/throttle.py)."""

from django_otp_webauthn import exceptions
from django_otp_webauthn.views import CompleteCredentialAuthenticationView

from nashr.accounts import throttle


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
