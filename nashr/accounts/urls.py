"""/admin/second-factor/: the second step of signing in, enrolment, recovery codes, and revoking an account's
factors. The passkey ceremonies of django-otp-webauthn answer under webauthn/."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.urls import include, path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from nashr.accounts import locks, views
from nashr.accounts.forms import ThrottledSiteLoginForm
from nashr.accounts.passkey_views import CompletePasskeySignIn

app_name = "accounts"

urlpatterns = [
    path("", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("authenticator-app/", views.authenticator_app, name="authenticator_app"),
    path("passkey/", views.passkey, name="passkey"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("remove/<str:kind>/<int:pk>/", views.remove, name="remove"),
    path("revoke/<int:user_id>/", views.revoke, name="revoke"),
]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)

# Wagtail's sign-in for private pages (`<edition>/_util/login/`, Django's plain LoginView), throttled like
# the admin's: put before Wagtail's own URLs.
site_login = LoginView.as_view(
    template_name=getattr(settings, "WAGTAIL_FRONTEND_LOGIN_TEMPLATE", "wagtailcore/login.html"),
    authentication_form=ThrottledSiteLoginForm,
)

# /admin/sign-in-locks/: outside /admin/second-factor/, which the second step leaves open, so that only a
# session past its second step reaches it.
locks_urlpatterns = decorate_urlpatterns(
    [
        path("", locks.locks, name="signin_locks"),
        path("<int:pk>/lift/", locks.lift, name="signin_lock_lift"),
    ],
    require_admin_access,
)

# The library's views, the passkey sign-in throttled and logged (same address, so its script finds it).
webauthn_urlpatterns = decorate_urlpatterns(
    [
        path("authentication/complete/", CompletePasskeySignIn.as_view(), name="passkey_sign_in"),
        path("", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    ],
    require_admin_access,
)
