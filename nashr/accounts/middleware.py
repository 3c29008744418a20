"""The second step of signing in, for every account (all accounts are staff: readers have none).

After the password, an account with a device (passkey, authenticator app or recovery codes) is sent to
the second step before anything else; with NASHR_REQUIRE_2FA an account without a passkey or
authenticator app is sent to enrol one. Runs after django_otp's OTPMiddleware, which tells whether this
session passed the second step (`request.user.is_verified()`).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from nashr.accounts import factors


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:  # signed in to nothing: a reader
            return self.get_response(request)
        return self.redirect(request) or self.get_response(request)

    def redirect(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self.exempt(request.path):
            return None
        required = settings.NASHR_REQUIRE_2FA
        if user.is_verified():
            if required and not factors.is_factor(user.otp_device) and not factors.has_factor(user):
                return self.to("accounts:setup", request)  # signed in with a recovery code, none left
            return None
        if factors.has_any_device(user):
            return self.to("accounts:verify", request)
        if required:
            return self.to("accounts:setup", request)
        return None

    @staticmethod
    def exempt(path):
        """The second step and enrolment themselves, signing out, and what their pages load (Wagtail's icons
        are fetched and put into the page: anything else there would end up in the second step's page)."""
        return path.startswith(
            (
                reverse("accounts:verify").rsplit("verify/", 1)[0],  # /admin/second-factor/
                reverse("wagtailadmin_logout"),
                reverse("wagtailadmin_login"),
                reverse("wagtailadmin_javascript_catalog"),
                reverse("wagtailadmin_sprite"),
                settings.STATIC_URL,
            )
        )

    @staticmethod
    def to(name, request):
        url = reverse(name)
        if request.method == "GET" and not request.path.startswith(url):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
