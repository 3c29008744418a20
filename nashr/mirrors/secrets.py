"""Mirror secrets (an object store's secret key) encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256).

The key is derived from SECRET_KEY, so a copy of the database alone does not give the secret away; keys in
SECRET_KEY_FALLBACKS still decrypt, so rotating SECRET_KEY the Django way keeps the mirrors working (a save
re-encrypts with the new key). See docs/decisions/0017-mirrors.md.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

CONTEXT = b"nashr.mirrors.secret:"


class SecretUnreadable(Exception):
    """The stored secret cannot be decrypted with SECRET_KEY or its fallbacks: enter it again."""


def _fernet(secret):
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(CONTEXT + secret.encode()).digest()))


def _keys():
    return MultiFernet([_fernet(k) for k in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]])


def encrypt(value):
    return _keys().encrypt(value.encode()).decode() if value else ""


def decrypt(token):
    if not token:
        return ""
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable("the mirror's secret key cannot be decrypted with SECRET_KEY") from error
