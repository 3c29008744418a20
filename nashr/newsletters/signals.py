"""Lists shown on public pages renew them; the provider's reports of bounces and complaints suppress."""

import logging

from anymail.signals import tracking
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from nashr.editions.editions import language_code_of
from nashr.publishing.signals import changed

from .addresses import normalise
from .models import MailingList, Subscriber

logger = logging.getLogger("nashr.newsletters")

# Anymail's normalised event types that mean: send this address nothing more.
SUPPRESSING = {
    "bounced": "bounce",
    "complained": "complaint",
    "rejected": "rejected",
    "unsubscribed": "unsubscribed at the provider",
}
# Providers whose "bounced" includes temporary failures name them in their own payload.
TEMPORARY = {"SoftBounce", "Transient", "DnsError"}


@receiver(pre_save, sender=MailingList)
def list_saving(sender, instance, **kwargs):
    old = (
        MailingList.objects.filter(pk=instance.pk).values("locale_id", "page_id").first()
        if instance.pk
        else None
    )
    instance._nashr_before = old


@receiver(post_save, sender=MailingList)
@receiver(post_delete, sender=MailingList)
def list_changed(sender, instance, **kwargs):
    """The signup forms of its edition (the footer of every page) and of its page show it."""
    before = getattr(instance, "_nashr_before", None) or {}
    locale_ids = {instance.locale_id, before.get("locale_id")} - {None}
    paths = []
    for page_id in {instance.page_id, before.get("page_id")} - {None}:
        from wagtail.models import Page

        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            paths.append(page.url)
    changed(sorted(language_code_of(pk) for pk in locale_ids), paths)


@receiver(tracking)
def provider_event(sender, event, esp_name, **kwargs):
    """A hard bounce, a complaint or a refusal reported by the provider's webhook suppresses the address."""
    reason = SUPPRESSING.get(event.event_type)
    if reason is None or not event.recipient:
        return
    if isinstance(event.esp_event, dict) and event.esp_event.get("Type") in TEMPORARY:
        return
    if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        logger.warning("Ignored a %s report from %s: set ANYMAIL_WEBHOOK_SECRET", event.event_type, esp_name)
        return
    try:
        email = normalise(event.recipient)
    except Exception:
        return
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is not None:
        subscriber.suppress(f"{reason} ({esp_name})")
        logger.info("Suppressed subscriber %s after a %s reported by %s", subscriber.pk, reason, esp_name)
