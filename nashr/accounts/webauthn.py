"""Passkeys are bound to the address the admin is reached at: the relying party is the request's host
(already checked against ALLOWED_HOSTS) and the only origin accepted is the request's own. A passkey made
on `localhost` therefore does not work on `127.0.0.1`, nor one made on a mirror's address on the main one.

The library imports this module (settings.OTP_WEBAUTHN_HELPER_CLASS) for a ceremony, and with it the whole
passkey library: nothing that every process loads imports it (accounts/deferred_packages.py).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django_otp_webauthn.helpers import WebAuthnHelper


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
