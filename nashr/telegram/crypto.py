"""Bot tokens at rest: encrypted with Fernet (AES-128-CBC and HMAC-SHA256, from `cryptography`).

The key comes from NASHR_SECRETS_KEY (a Fernet key: `python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`) or, without it, is derived from SECRET_KEY. A database dump alone
then reveals no token. Changing the key (or SECRET_KEY, without NASHR_SECRETS_KEY) makes stored tokens
unreadable: the channel says so and asks for the token again.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "encrypt"]


def _fernet():
    key = getattr(settings, "NASHR_SECRETS_KEY", "")
    if not key:
        digest = hashlib.sha256(f"nashr.telegram.token:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest)
    return Fernet(key)


def encrypt(text):
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token):
    """The plain text; raises InvalidToken when the key changed since it was stored."""
    return _fernet().decrypt(token.encode()).decode()
