"""Lists of an edition, their subscribers, and the mailings of issues to them (one Delivery per recipient).

What is kept of a subscriber is what sending needs and what consent must show: the address (normalised,
one row per mailbox), an optional name, the edition they signed up in, and per list when they asked, when
they confirmed and when they left. Never shown publicly; `manage.py purge_reader_data` deletes it.
"""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key():
    return secrets.token_urlsafe(12)


class MailingListQuerySet(models.QuerySet):
    def offered(self, language):
        """The lists a signup form of edition `language` offers, in their order."""
        return self.filter(locale__language_code=language, public=True).order_by("sort_order", "pk")


class MailingList(models.Model):
    """A list of one edition: its newsletter, its brief, its weekly digest, or any other."""

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        BRIEF = "brief", _("Brief")
        DIGEST = "digest", _("Weekly digest")
        OTHER = "other", _("Other")

    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, help_text=_("Names the list in its messages' List-Id."))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("Issues of this periodical are sent to the list."),
    )
    description = models.TextField(_("description"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("list's page"),
        help_text=_("The section where its issues are published: it shows the signup form for this list."),
    )
    public = models.BooleanField(
        _("offered to readers"), default=True, help_text=_("Shown in the signup forms of its edition.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MailingListQuerySet.as_manager()

    class Meta:
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")
        ordering = ["locale_id", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="newsletters_list_slug")]

    def __str__(self):
        return f"{self.name} ({self.locale.language_code})"

    def subscriber_count(self):
        return self.subscriptions.filter(status=Subscription.Status.SUBSCRIBED).count()


class SubscriberQuerySet(models.QuerySet):
    def reachable(self):
        """Subscribers whose address has not bounced nor complained."""
        return self.filter(suppressed_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"), max_length=254, unique=True)  # addresses.normalise()
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("edition"), max_length=16)
    # Random, in every signed link of this subscriber's: a purged and re-created address gets a new one.
    key = models.CharField(max_length=24, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("first signed up"), auto_now_add=True)
    suppressed_at = models.DateTimeField(_("suppressed"), null=True, blank=True)
    suppressed_reason = models.CharField(_("why suppressed"), max_length=40, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def suppress(self, reason):
        """Send this address nothing more (a hard bounce, a complaint reported by the provider)."""
        if self.suppressed_at is None:
            self.suppressed_at = timezone.now()
            self.suppressed_reason = reason[:40]
            self.save(update_fields=["suppressed_at", "suppressed_reason"])


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        SUBSCRIBED = "subscribed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        SIGNUP = "signup", _("Signup form")
        IMPORT = "import", _("Import")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="subscriptions")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.SIGNUP)
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["list", "subscriber"], name="newsletters_subscription_once")
        ]
        indexes = [models.Index(fields=["list", "status"], name="newsletters_sub_list_status")]

    def __str__(self):
        return f"{self.subscriber} – {self.list}"

    def confirm(self, when=None):
        if self.status != self.Status.SUBSCRIBED:
            self.status = self.Status.SUBSCRIBED
            self.confirmed_at = when or timezone.now()
            self.unsubscribed_at = None
            self.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])

    def unsubscribe(self):
        if self.status != self.Status.UNSUBSCRIBED:
            self.status = self.Status.UNSUBSCRIBED
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["status", "unsubscribed_at"])


class Mailing(models.Model):
    """One issue sent to one or more lists; each list receives an issue at most once (MailingTarget)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("issue")
    )
    lists = models.ManyToManyField(MailingList, through="MailingTarget", related_name="mailings")
    title = models.CharField(_("issue"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_at = models.DateTimeField(_("send at"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # What every recipient gets, rendered once when sending starts (links per recipient filled in then).
    subject = models.CharField(max_length=255, blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    total = models.PositiveIntegerField(_("recipients"), default=0)
    # The run sending it now and its last sign of life: one run at a time (sending.py).
    runner = models.CharField(max_length=32, blank=True)
    beat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-scheduled_at", "-pk"]

    def __str__(self):
        return self.title

    def progress(self):
        """{status: count} of its deliveries."""
        counts = dict.fromkeys(Delivery.Status.values, 0)
        rows = self.deliveries.order_by().values_list("status").annotate(n=Count("pk"))
        counts.update(dict(rows))
        return counts


class MailingTarget(models.Model):
    """A list an issue is sent to: unique per (issue, list), so sending an issue twice sends nothing."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="targets")
    list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "list"], name="newsletters_issue_list_once")]

    def __str__(self):
        return f"{self.mailing} → {self.list}"


class DeliveryQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=Delivery.Status.QUEUED)


class Delivery(models.Model):
    """One recipient of one mailing: QUEUED -> CLAIMED (a run took it) -> SENDING (in flight) -> SENT, or
    FAILED (refused), SKIPPED (left meanwhile), UNCERTAIN (in flight when its run died). sending.py."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        CLAIMED = "claimed", _("Claimed")
        SENDING = "sending", _("In flight")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Refused")
        SKIPPED = "skipped", _("Left out")
        UNCERTAIN = "uncertain", _("Uncertain")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    claim = models.CharField(max_length=40, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="newsletters_delivery_once")
        ]
        indexes = [models.Index(fields=["mailing", "status", "id"], name="newsletters_delivery_queue")]

    def __str__(self):
        return f"{self.mailing} → {self.subscriber_id}"


def subscribe(email, lists, *, name="", language="", source=Subscription.Source.SIGNUP, confirmed_at=None):
    """Ask for `lists` for `email` (already normalised); returns (subscriber, {list: subscription}).

    From the signup form the new subscriptions wait for confirmation; an import passes the date the reader
    gave their consent (`confirmed_at`), and they are subscribed at once. A list the address is subscribed
    to already is left as it is.
    """
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            email=email, defaults={"name": name[:200], "language": language}
        )
        if not created and name and not subscriber.name:
            subscriber.name = name[:200]
            subscriber.save(update_fields=["name"])
        found = {}
        for mailing_list in lists:
            sub, _new = Subscription.objects.get_or_create(
                subscriber=subscriber, list=mailing_list, defaults={"source": source}
            )
            if confirmed_at is not None:
                sub.confirm(confirmed_at)
            elif sub.status == Subscription.Status.UNSUBSCRIBED:
                sub.status, sub.requested_at = Subscription.Status.PENDING, timezone.now()
                sub.save(update_fields=["status", "requested_at"])
            found[mailing_list] = sub
    return subscriber, found


def active_subscriptions(mailing_list):
    """Subscriptions that receive the list's issues: confirmed, address not suppressed."""
    return Subscription.objects.filter(
        Q(list=mailing_list) & Q(status=Subscription.Status.SUBSCRIBED) & Q(subscriber__suppressed_at=None)
    )
