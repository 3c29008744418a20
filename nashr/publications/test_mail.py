""" "Send a test to myself": an issue as its readers will get it, to the editor's own address."""

import logging
import smtplib

from django.utils.translation import gettext as _

from nashr.mail import as_email, personalise, render_issue

logger = logging.getLogger("nashr.mail")


class TestMailError(Exception):
    """Why a test could not be sent, in words for the editor."""


def send_test(page, user):
    """Send `page` (as it stands, saved or not) to `user`'s address; returns that address.

    The reader's own links lead to the site in a test: there is no subscription behind them.
    """
    if not user.email:
        raise TestMailError(_("Your account has no e-mail address: add one in your account settings."))
    rendered = render_issue(page)
    home = page.get_site().root_url if page.get_site() else ""
    rendered = personalise(rendered, home, home)
    message = as_email(rendered, [user.email])
    message.subject = _("[Test] %(subject)s") % {"subject": rendered.subject}
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Mail: a test of page %s to %s failed: %s", page.pk, user.email, error)
        raise TestMailError(
            _("The mail server did not take the test: %(error)s") % {"error": error}
        ) from error
    return user.email
