"""django-zxcvbn-password-validator's translations (its locale/ folder), installed without importing the
package: its __init__ loads zxcvbn's word lists, some 12 MB in every process, while only setting a password
needs them (accounts/passwords.py loads them then). INSTALLED_APPS names ZxcvbnMessagesConfig, whose app is
this module under the package's label, with the package's folder as its path."""

from importlib.util import find_spec
from pathlib import Path

from django.apps import AppConfig


class ZxcvbnMessagesConfig(AppConfig):
    name = "nashr.accounts.zxcvbn_messages"
    label = "django_zxcvbn_password_validator"
    verbose_name = "django-zxcvbn-password-validator"
    # find_spec finds the package's folder without running it.
    path = str(Path(find_spec("django_zxcvbn_password_validator").origin).parent)
