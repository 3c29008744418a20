"""What a failure means for the newsroom, and what to do about it, in the words the admin shows."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RETRACTED = gettext_lazy(
    "Telegram would not delete this message (it may be older than 48 hours, or the bot lacks the right to "
    "delete messages): it now reads as a retraction notice. Delete it by hand in the channel, and give the "
    "bot the right to delete messages."
)


class NoToken(Exception):
    pass


def for_error(error, given_up=False):
    """A sentence for a TelegramError: what happened and what to do."""
    if error.code is None:
        what = _("Telegram could not be reached (%(detail)s).") % {"detail": error.description}
    elif error.code == 429:
        what = _("Telegram asked us to slow down (wait %(seconds)s s).") % {
            "seconds": error.retry_after or "?"
        }
    elif error.code >= 500:
        what = _("Telegram had an error of its own (%(code)s).") % {"code": error.code}
    elif error.code in (401, 404):
        return _(
            "Telegram refused the bot token: create a new one with @BotFather (/token) and enter it in the "
            "channel's settings."
        )
    elif error.code == 403 or error.mentions("not enough rights", "need administrator rights"):
        return _(
            "The bot may not post in this channel (%(detail)s): add it to the channel as an administrator "
            "allowed to post, edit and delete messages, then send a test message."
        ) % {"detail": error.description}
    elif error.mentions("chat not found"):
        return _(
            "Telegram knows no such channel: check the channel's @name or numeric id in its settings, and "
            "that the bot was added to it."
        )
    else:
        return _(
            "Telegram refused the message (%(detail)s). Send a test message from the channel's settings."
        ) % {"detail": f"{error.code} {error.description}"}
    if given_up:
        return what + " " + _("Tried several times; publish the piece again to retry.")
    return what + " " + _("It will be tried again.")
