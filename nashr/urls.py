"""Every address of the site: the admin's, then the readers' (nashr/reader_urls.py). Staff requests and
forms are routed with this URLconf; a reader's GET with the readers' alone (nashr/core/reader_urlconf.py)."""

from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from nashr import reader_urls
from nashr.accounts.urls import locks_urlpatterns, webauthn_urlpatterns
from nashr.core.reader_urlconf import ADMIN_PATH

ADMIN = ADMIN_PATH.lstrip("/")

urlpatterns = [
    path(f"{ADMIN}second-factor/webauthn/", include(webauthn_urlpatterns)),
    path(f"{ADMIN}second-factor/", include("nashr.accounts.urls")),
    path(f"{ADMIN}sign-in-locks/", include(locks_urlpatterns)),
    path(ADMIN, include(wagtailadmin_urls)),
    *reader_urls.urlpatterns,
]

handler404 = reader_urls.handler404
handler500 = reader_urls.handler500
