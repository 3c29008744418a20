from importlib.util import find_spec
from pathlib import Path

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in to the admin: the second factor (passkeys, authenticator apps, recovery codes)."""

    name = "nashr.accounts"
    label = "accounts"

    def ready(self):
        from nashr.accounts.csp import start_choosers_without_inline_scripts

        start_choosers_without_inline_scripts()


class ZxcvbnMessagesConfig(AppConfig):
    """django-zxcvbn-password-validator's translations (its locale/ folder), installed without importing the
    package: its __init__ loads zxcvbn's word lists, some 12 MB in every process, while only setting a
    password needs them (accounts/passwords.py loads them then)."""

    name = "nashr.accounts.zxcvbn_messages"
    label = "django_zxcvbn_password_validator"
    verbose_name = "django-zxcvbn-password-validator"
    # find_spec finds the package's folder without running it.
    path = str(Path(find_spec("django_zxcvbn_password_validator").origin).parent)
