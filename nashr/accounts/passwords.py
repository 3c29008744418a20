"""How guessable a staff password is, estimated offline by zxcvbn (no outside service is asked).

zxcvbn knows common passwords, names, words and keyboard patterns, and scores a password by the guesses it
would take; `PASSWORD_MINIMAL_STRENGTH` (settings) is the score asked for. Beside the words the password
must not resemble (`PASSWORD_EXTRA_DICTIONARY`, the account's own names), this gives zxcvbn the names and
host names of the Wagtail sites as they are when the password is chosen, and refuses outright a password
that contains the publication's or a site's name ("nashrnewsroom2026" would otherwise pass).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_zxcvbn_password_validator import ZxcvbnPasswordValidator
from wagtail.models import Site

# zxcvbn refuses to look at longer passwords; a longer passphrase is judged by its first 72 characters.
ZXCVBN_MAX_LENGTH = 72
NAME_MIN_LENGTH = 4  # shorter parts of a name ("org", "www", "the") are too common to refuse


def letters(text):
    return re.sub(r"\W|_|\d", "", text.casefold())


class NewsroomPasswordValidator(ZxcvbnPasswordValidator):
    def site_names(self):
        names = [settings.WAGTAIL_SITE_NAME]
        for name, hostname in Site.objects.values_list("site_name", "hostname"):
            names += [name, *hostname.split(".")]
        return [name for name in names if len(letters(name)) >= NAME_MIN_LENGTH]

    def _get_user_inputs(self, user):
        return super()._get_user_inputs(user) + self.site_names()

    def _run_zxcvbn(self, password, user=None):
        return super()._run_zxcvbn(password[:ZXCVBN_MAX_LENGTH], user)

    def validate(self, password, user=None):
        found = next((name for name in self.site_names() if letters(name) in letters(password)), None)
        messages = []
        if found:
            messages.append(
                _("The password contains the name “%(name)s”: choose one unrelated to the site.")
                % {"name": found}
            )
        try:
            super().validate(password, user)
        except ValidationError as error:
            messages += error.messages
        if messages:
            raise ValidationError(messages)
