"""The mail a signup sends: a link to confirm, or, for lists the address has already, a note saying so.

The signup page says the same whatever the address (it never tells a visitor whether someone is subscribed);
only the owner of the mailbox learns it, here.
"""

from django.conf import settings
from django.core.mail import get_connection

from nashr import mail

from . import tokens
from .models import MailingList, Subscriber, Subscription


def send_confirmation(subscriber_id, list_ids, language):
    subscriber = Subscriber.objects.filter(pk=subscriber_id, suppressed_at=None).first()
    if subscriber is None:  # purged or suppressed since
        return False
    subscriptions = {
        s.list_id: s
        for s in Subscription.objects.filter(subscriber=subscriber, list_id__in=list_ids).select_related(
            "list"
        )
    }
    lists = list(MailingList.objects.filter(pk__in=subscriptions).order_by("sort_order", "pk"))
    pending = [m for m in lists if subscriptions[m.pk].status == Subscription.Status.PENDING]
    already = [m for m in lists if subscriptions[m.pk].status == Subscription.Status.SUBSCRIBED]
    if not pending and not already:
        return False
    manage_url = tokens.absolute("newsletters:manage", language, tokens.manage_token(subscriber.key))
    context = {
        "pending": pending,
        "already": already,
        "confirm_url": (
            tokens.absolute("newsletters:confirm", language, tokens.confirm_token(subscriber, pending))
            if pending
            else ""
        ),
        "days": settings.NASHR_NEWSLETTER_CONFIRM_DAYS,
    }
    rendered = mail.render_message("newsletter_confirm", context, language=language)
    rendered = mail.personalise(rendered, manage_url, manage_url)
    message = mail.as_email(
        rendered, [subscriber.email], from_email=settings.NASHR_NEWSLETTER_FROM, connection=get_connection()
    )
    return message.send() == 1
