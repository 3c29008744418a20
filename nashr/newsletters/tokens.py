"""Signed links in subscribers' mail: confirm (expires), unsubscribe from one list, manage one's lists.

Each carries the subscriber's random key (models.Subscriber.key), never the address, and is signed with
SECRET_KEY under its own salt, so one kind of link cannot stand for another. Unsubscribe and manage links do
not expire: they sit in every message, and an old message must still let its reader leave.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

CONFIRM, UNSUBSCRIBE, MANAGE = (
    "nashr.newsletters.confirm",
    "nashr.newsletters.unsubscribe",
    "nashr.newsletters.manage",
)


def confirm_token(subscriber, lists):
    return signing.TimestampSigner(salt=CONFIRM).sign_object([subscriber.key, sorted(m.pk for m in lists)])


def read_confirm_token(token):
    """(key, [list ids]); signing.BadSignature (or SignatureExpired) if forged or too old."""
    max_age = settings.NASHR_NEWSLETTER_CONFIRM_DAYS * 24 * 3600
    key, list_ids = signing.TimestampSigner(salt=CONFIRM).unsign_object(token, max_age=max_age)
    return key, [int(pk) for pk in list_ids]


def unsubscribe_token(subscriber_key, list_id):
    return signing.Signer(salt=UNSUBSCRIBE).sign_object([subscriber_key, list_id])


def read_unsubscribe_token(token):
    key, list_id = signing.Signer(salt=UNSUBSCRIBE).unsign_object(token)
    return key, int(list_id)


def manage_token(subscriber_key):
    return signing.Signer(salt=MANAGE).sign(subscriber_key)


def read_manage_token(token):
    return signing.Signer(salt=MANAGE).unsign(token)


def absolute(view_name, language, token):
    """The link on the site's address (WAGTAILADMIN_BASE_URL: https in production, as RFC 8058 asks)."""
    with translation.override(language):
        path = reverse(view_name, args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
