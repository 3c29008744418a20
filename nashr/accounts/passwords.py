"""How guessable a staff password is, estimated offline by zxcvbn (no outside service is asked).

zxcvbn knows common passwords, names, words and keyboard patterns, and scores a password by the guesses it
would take; `PASSWORD_MINIMAL_STRENGTH` (settings) is the score asked for. Beside the library's own list of
words the password must not resemble (`PASSWORD_EXTRA_DICTIONARY`: the publication's name), this adds the
names and host names of the Wagtail sites, as they are when the password is chosen.
"""

from django_zxcvbn_password_validator import ZxcvbnPasswordValidator
from wagtail.models import Site

# zxcvbn refuses to look at longer passwords; a longer passphrase is judged by its first 72 characters.
ZXCVBN_MAX_LENGTH = 72


class NewsroomPasswordValidator(ZxcvbnPasswordValidator):
    def _get_user_inputs(self, user):
        inputs = super()._get_user_inputs(user)
        for name, hostname in Site.objects.values_list("site_name", "hostname"):
            inputs += [name, *hostname.split(".")]
        return [value for value in inputs if value]

    def _run_zxcvbn(self, password, user=None):
        return super()._run_zxcvbn(password[:ZXCVBN_MAX_LENGTH], user)
