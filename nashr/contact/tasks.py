"""Mail about contact messages, sent by the worker (notify.py says who is told what)."""

from django_tasks import task

from nashr.comments import notify as moderation

from . import notify
from .models import ContactMessage


@task()
def mail_contact_notice(message_id):
    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None:  # purged before the worker came to it
        return 0
    recipients = [user.email for user in moderation.moderators_of(message.language)]
    return moderation.send(notify.contact_mail(message), recipients) if recipients else 0
