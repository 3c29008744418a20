"""The newsroom hears of a contact message at once: the moderators of its edition (the comments'
moderators, `nashr.comments.notify.moderators_of`) get a mail without what the reader wrote; they read it
in the admin. The worker sends it (tasks.mail_contact_notice)."""

from django.conf import settings
from django.utils.translation import gettext as _

from nashr.comments.notify import admin_url
from nashr.mail import render_message


def contact_mail(message):
    code = message.language or settings.LANGUAGE_CODE
    return render_message(
        "notice",
        {
            "subject": _("A message arrived through the contact form"),
            "heading": _("A message arrived through the contact form"),
            "paragraphs": [_("A reader wrote to the newsroom. Read it in the admin; it is not copied here.")],
            "action_url": admin_url(type(message), "inspect", message.pk),
            "action_label": _("Read the message"),
        },
        language=code,
    )


def contact_arrived(message):
    from .tasks import mail_contact_notice

    mail_contact_notice.enqueue(message.pk)
