"""What `manage.py purge_reader_data` forgets of subscribers (the reader-data registry, core/reader_data.py).

- `--email ADDRESS`: the subscriber (any spelling of the address), their subscriptions and their deliveries.
- `--older-than DAYS`: subscribers who receive nothing and have not acted within DAYS (a signup never
  confirmed, a reader who left), with everything about them; and every delivery record older than DAYS.
  Who is subscribed keeps their consent record however old it is: it is what proves the consent.
"""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from .addresses import normalise
from .models import Delivery, Subscriber, Subscription


def _address(email):
    try:
        return normalise(email)
    except ValidationError:
        return email.strip().lower()


def select_subscribers(email, before, options=None):
    subscribers = Subscriber.objects.all()
    if email:
        subscribers = subscribers.filter(email=_address(email))
    if before is not None:
        recent = Subscription.objects.filter(subscriber=OuterRef("pk")).filter(
            Q(status=Subscription.Status.SUBSCRIBED)
            | Q(requested_at__gte=before)
            | Q(unsubscribed_at__gte=before)
        )
        subscribers = subscribers.filter(created_at__lt=before).exclude(Exists(recent))
    return subscribers


def select_deliveries(email, before, options=None):
    deliveries = Delivery.objects.all()
    if email:
        deliveries = deliveries.filter(subscriber__email=_address(email))
    if before is not None:
        deliveries = deliveries.filter(mailing__scheduled_at__lt=before)
    return deliveries


def register():
    """Join the registry of reader data, where this version of Nashr has it."""
    try:
        from nashr.core.reader_data import ReaderData
        from nashr.core.reader_data import register as join
    except ImportError:
        return False
    join(ReaderData("newsletter subscribers", select=select_subscribers, order=30))
    join(ReaderData("newsletter deliveries", select=select_deliveries, order=31))
    return True
