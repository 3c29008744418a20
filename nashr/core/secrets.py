"""Secrets the newsroom stores for outside services (a Telegram bot's token, an object store's secret key),
encrypted at rest with Fernet (AES-128-CBC and HMAC-SHA256, from `cryptography`).

The key is NASHR_SECRETS_KEY when set (a Fernet key: `python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`), otherwise derived from SECRET_KEY; keys derived from
SECRET_KEY_FALLBACKS still decrypt, so rotating SECRET_KEY the Django way keeps stored secrets readable (a
save encrypts them again with the new key). Each kind of secret has its own `purpose`, from which its keys
are derived, so one kind's ciphertext never decrypts as another's. A database dump alone reveals no
secret. A secret that no key opens any more raises `SecretUnreadable`: the admin asks for it again.
"""

import base64
import hashlib

from django.conf import settings

# cryptography is imported where a secret is read or written (the worker, the admin), not in every process:
# its bindings are about 7 MB that a reader's page never needs.


class SecretUnreadable(Exception):
    """The stored secret cannot be decrypted with the current keys: it must be entered again."""


def _derived(purpose, secret):
    from cryptography.fernet import Fernet

    digest = hashlib.sha256(f"nashr.{purpose}:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys(purpose):
    from cryptography.fernet import Fernet, MultiFernet

    keys = [Fernet(settings.NASHR_SECRETS_KEY)] if getattr(settings, "NASHR_SECRETS_KEY", "") else []
    keys += [_derived(purpose, key) for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]]
    return MultiFernet(keys)


def encrypt(purpose, value):
    """`value` encrypted with the first key ("" stays "")."""
    return _keys(purpose).encrypt(value.encode()).decode() if value else ""


def decrypt(purpose, token):
    """The plain text of `token` ("" for ""); SecretUnreadable when no current key opens it."""
    if not token:
        return ""
    from cryptography.fernet import InvalidToken

    try:
        return _keys(purpose).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable(f"a stored {purpose} cannot be decrypted with the current keys") from error
