"""Sending an issue to its lists: nothing lost, nothing sent twice, as far as SMTP allows.

`send_issue(page)` queues a Mailing, once per (issue, list): calling it again sends nothing new. The worker
then runs `run_mailing` (tasks.send_mailing):

1. One run at a time per mailing: a run takes the mailing with a conditional UPDATE (`runner`, `beat_at`)
   and beats while it sends; a run silent for NASHR_NEWSLETTER_STALE_AFTER seconds is taken over. A run
   never waits on the network longer than a quarter of that (the SMTP timeout), so a live run always beats
   in time.
2. The first run renders the issue once (`Mailing.subject/html/text`) and writes one Delivery row per
   recipient (unique per mailing and subscriber; one per address across the issue's lists and mailings).
3. Each batch of NASHR_NEWSLETTER_BATCH rows is claimed (QUEUED -> CLAIMED with the run's token) and sent in
   id order. Just before a message goes out, one UPDATE marks it SENDING and the one before it, which the
   server accepted, SENT: one statement per recipient, and at any moment at most one row is SENDING.
4. A run that takes over from a dead one finds that run's rows: the SENDING one is UNCERTAIN (the server
   may or may not have accepted it; if the run died after the server's answer, it arrived) and is not sent
   again; the CLAIMED ones were certainly not sent and go back to the queue.

So a crash, a kill or a restart loses nothing and duplicates nothing, except that the one message in flight
when a run dies is never sent twice and may, if the connection was cut before the server took it, not arrive:
SMTP has no two-phase commit. The Mailings listing shows such rows as uncertain.
"""

import contextlib
import logging
import secrets
import smtplib
import time
from datetime import timedelta
from email.utils import formataddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from nashr import mail
from nashr.editions.editions import language_code_of

from . import refusals, tokens
from .models import Delivery, Mailing, MailingList, MailingTarget, Subscription

logger = logging.getLogger("nashr.newsletters")
Status = Delivery.Status


class NothingToSend(ValueError):
    """The issue has no list to go to, or is not published."""


def issue_lists(page):
    """The lists an issue goes to by default: its edition's lists of its periodical."""
    kind = getattr(page.specific, "periodical", None)
    return MailingList.objects.filter(locale_id=page.locale_id, kind=kind)


def send_issue(page, lists=None, at=None, user=None):
    """Queue `page` (a published issue) for `lists` (default: issue_lists) at `at` (default: now).

    Idempotent per (issue, list): lists that already have the issue are left out, and when none is left the
    issue's latest mailing is returned unchanged."""
    if not page.live:
        raise NothingToSend(_("Publish the issue before sending it."))
    lists = list(issue_lists(page) if lists is None else lists)
    if not lists:
        raise NothingToSend(_("This edition has no list for this periodical."))
    try:
        with transaction.atomic():
            taken = set(
                MailingTarget.objects.filter(page=page, list__in=lists).values_list("list", flat=True)
            )
            new = [mailing_list for mailing_list in lists if mailing_list.pk not in taken]
            if not new:
                return Mailing.objects.filter(targets__page=page).distinct().order_by("-pk").first()
            mailing = Mailing.objects.create(
                page=page, title=page.title[:255], scheduled_at=at or timezone.now(), created_by=user
            )
            MailingTarget.objects.bulk_create(
                MailingTarget(mailing=mailing, list=mailing_list, page=page) for mailing_list in new
            )
            transaction.on_commit(lambda: enqueue(mailing))
    except IntegrityError:  # another request queued the same lists at the same moment
        return Mailing.objects.filter(targets__page=page).distinct().order_by("-pk").first()
    return mailing


def enqueue(mailing, at=None):
    from .tasks import send_mailing

    at = at or mailing.scheduled_at
    task = send_mailing
    if at > timezone.now():
        if not task.get_backend().supports_defer:
            return None  # a backend that cannot wait (tests): run_mailing is called when due
        task = task.using(run_after=at)
    return task.enqueue(mailing.pk)


def run_mailing(mailing_id, *, seconds=None):
    """Send what is left of a mailing for up to `seconds` (NASHR_NEWSLETTER_SLICE); returns (sent, done)."""
    token = secrets.token_hex(8)
    mailing = _take(mailing_id, token)
    if mailing is None:
        return 0, True
    try:
        if mailing.status == Mailing.Status.SCHEDULED:
            _start(mailing)
        sent = Sender(mailing, token).send(seconds or settings.NASHR_NEWSLETTER_SLICE)
    finally:
        ours = Delivery.objects.filter(mailing=mailing, claim=token)
        ours.filter(status=Status.SENDING).update(  # an error we did not expect while one was in flight
            status=Status.UNCERTAIN, claim="", error="The run failed while it was sent."
        )
        ours.filter(status=Status.CLAIMED).update(status=Status.QUEUED, claim="")
        Mailing.objects.filter(pk=mailing.pk, runner=token).update(runner="")
    done = not mailing.deliveries.filter(status__in=[Status.QUEUED, Status.CLAIMED]).exists()
    if done:
        Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENDING).update(
            status=Mailing.Status.SENT, finished_at=timezone.now()
        )
    return sent, done


def _take(mailing_id, token):
    """The mailing, now run by `token`; None if it is not due, is done, or another run is alive."""
    stale_after = timedelta(seconds=settings.NASHR_NEWSLETTER_STALE_AFTER)
    deadline = time.monotonic() + settings.NASHR_NEWSLETTER_STALE_AFTER + 1
    active = [Mailing.Status.SCHEDULED, Mailing.Status.SENDING]
    while True:
        now = timezone.now()
        free = Mailing.objects.filter(pk=mailing_id, status__in=active, scheduled_at__lte=now)
        taken = free.filter(runner="").update(runner=token, beat_at=now) or free.filter(
            beat_at__lt=now - stale_after
        ).update(runner=token, beat_at=now)
        if taken:
            mailing = Mailing.objects.get(pk=mailing_id)
            _recover(mailing, token)
            return mailing
        # Someone else's run holds it: alive (it beats), or dead and not yet stale (a killed worker's task
        # is back in the queue before its run goes stale). Wait for the one or the other.
        if not free.exclude(runner="").exists() or time.monotonic() > deadline:
            return None
        time.sleep(min(1.0, settings.NASHR_NEWSLETTER_STALE_AFTER / 4))


def _recover(mailing, token):
    """Rows of a dead run: the one in flight is UNCERTAIN (never sent twice), the claimed ones are queued."""
    theirs = mailing.deliveries.exclude(claim=token)
    for pk in theirs.filter(status=Status.SENDING).values_list("pk", flat=True):
        logger.warning(
            "Mailing %s: delivery %s was in flight when its run stopped: uncertain", mailing.pk, pk
        )
    theirs.filter(status=Status.SENDING).update(
        status=Status.UNCERTAIN,
        claim="",
        error="In flight when its run stopped: it may or may not have arrived.",
    )
    theirs.filter(status=Status.CLAIMED).update(status=Status.QUEUED, claim="")


def _start(mailing):
    """Render the issue once and queue one delivery per recipient (again after a crash: nothing doubles)."""
    rendered = mail.render_issue(mailing.page)
    mailing.subject, mailing.html, mailing.text = rendered.subject, rendered.html, rendered.text
    mailing.started_at = timezone.now()
    mailing.save(update_fields=["subject", "html", "text", "started_at"])
    lists = list(mailing.lists.all())
    earlier = Delivery.objects.filter(
        mailing__targets__page=mailing.page_id, subscriber=OuterRef("subscriber")
    )
    rows = (
        Subscription.objects.filter(
            list__in=lists, status=Subscription.Status.SUBSCRIBED, subscriber__suppressed_at=None
        )
        .exclude(Exists(earlier.exclude(mailing=mailing)))
        .order_by("subscriber_id", "list__sort_order", "list_id")
        .values_list("subscriber_id", "list_id")
    )
    chunk, last = [], None
    for subscriber_id, list_id in rows.iterator(chunk_size=2000):
        if subscriber_id != last:  # one message per address, for the first of its lists
            chunk.append(Delivery(mailing=mailing, subscriber_id=subscriber_id, list_id=list_id))
            last = subscriber_id
        if len(chunk) >= 1000:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
    mailing.total = mailing.deliveries.count()
    mailing.status = Mailing.Status.SENDING
    mailing.save(update_fields=["total", "status"])


class Sender:
    """Claims batches and sends them through one connection, at most NASHR_NEWSLETTER_RATE a second."""

    def __init__(self, mailing, token):
        self.mailing, self.token = mailing, token
        self.language = language_code_of(mailing.lists.values_list("locale_id", flat=True).first())
        self.base = mail.Rendered(mailing.subject, mailing.html, mailing.text, _inline_images(mailing))
        self.list_ids = {m.pk: f"<{m.slug}.{m.locale.language_code}.{_host()}>" for m in mailing.lists.all()}
        self.rate = settings.NASHR_NEWSLETTER_RATE
        self.beat_every = settings.NASHR_NEWSLETTER_STALE_AFTER / 4
        self.connection = None

    def send(self, seconds):
        start = last_beat = time.monotonic()
        sent = 0
        self.accepted = None  # the delivery the server took last, recorded with the next statement
        try:
            while time.monotonic() - start < seconds:
                batch = self._claim()
                if not batch:
                    break
                for delivery in batch:
                    now = time.monotonic()
                    if now - last_beat > self.beat_every:
                        if not self._beat():
                            return sent  # taken over: stop at once; the rest of the batch is released
                        last_beat = now
                    if now - start >= seconds:
                        return sent
                    if self.rate:
                        time.sleep(max(0.0, start + sent / self.rate - now))
                    sent += self._send_one(delivery)
        finally:
            self._record(None)
            if self.connection is not None:
                self._drop_connection()
        return sent

    def _record(self, sending):
        """One UPDATE: the message the server accepted last is SENT, `sending` (if any) is SENDING."""
        ids = [d.pk for d in (self.accepted, sending) if d is not None]
        if ids:
            accepted = self.accepted.pk if self.accepted else None
            Delivery.objects.filter(pk__in=ids).update(
                status=Case(When(pk=accepted, then=Value(Status.SENT)), default=Value(Status.SENDING)),
                sent_at=Case(When(pk=accepted, then=Value(timezone.now())), default=None),
            )
        self.accepted = None

    def _beat(self):
        return Mailing.objects.filter(pk=self.mailing.pk, runner=self.token).update(beat_at=timezone.now())

    def _claim(self):
        """The next batch, claimed; rows whose subscriber left or was suppressed meanwhile are SKIPPED."""
        if not self._beat():
            return []
        waiting = self.mailing.deliveries.filter(status=Status.QUEUED).order_by("id")
        ids = list(waiting.values_list("id", flat=True)[: settings.NASHR_NEWSLETTER_BATCH])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, status=Status.QUEUED).update(
            status=Status.CLAIMED, claim=self.token
        )
        still = Subscription.objects.filter(
            subscriber=OuterRef("subscriber"), list=OuterRef("list"), status=Subscription.Status.SUBSCRIBED
        )
        batch = list(
            Delivery.objects.filter(pk__in=ids, claim=self.token, status=Status.CLAIMED)
            .annotate(still=Exists(still))
            .select_related("subscriber")
            .only(
                "id",
                "list_id",
                "subscriber__email",
                "subscriber__name",
                "subscriber__key",
                "subscriber__suppressed_at",
            )
            .order_by("id")
        )
        gone = [d.pk for d in batch if not d.still or d.subscriber.suppressed_at is not None]
        if gone:
            Delivery.objects.filter(pk__in=gone).update(status=Status.SKIPPED, claim="")
        return [d for d in batch if d.pk not in set(gone)]

    def _send_one(self, delivery):
        """Send one message; 1 if the server accepted it. A refused address is FAILED. A refusal of the
        message (4xx/5xx) puts it back in the queue and raises: the task is retried later. A connection that
        breaks while it is sent leaves its fate unknown: UNCERTAIN, as after a kill."""
        if self.connection is None:
            self.connection = open_connection()
        message = self.message(delivery)
        self._record(delivery)
        try:
            self.connection.send_messages([message])
        except (smtplib.SMTPRecipientsRefused, *refusals.REFUSED) as error:
            self._mark(delivery, Status.FAILED, str(error))
            return 0
        except (smtplib.SMTPResponseException, *refusals.NOT_SENT) as error:
            self._mark(delivery, Status.QUEUED)
            self._drop_connection()
            raise RuntimeError(f"the mail server did not take a message: {error}") from error
        except OSError:  # smtplib's disconnections and socket errors
            self._mark(delivery, Status.UNCERTAIN, "The connection broke while it was sent.")
            self._drop_connection()
            raise
        self.accepted = delivery
        return 1

    def _mark(self, delivery, status, error=""):
        Delivery.objects.filter(pk=delivery.pk).update(status=status, claim="", error=error[:300])

    def _drop_connection(self):
        with contextlib.suppress(Exception):  # already broken
            if self.connection is not None:
                self.connection.close()
        self.connection = None

    def message(self, delivery):
        subscriber = delivery.subscriber
        unsubscribe = tokens.absolute(
            "newsletters:unsubscribe",
            self.language,
            tokens.unsubscribe_token(subscriber.key, delivery.list_id),
        )
        manage = tokens.absolute("newsletters:manage", self.language, tokens.manage_token(subscriber.key))
        rendered = mail.personalise(self.base, unsubscribe, manage)
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_ids.get(delivery.list_id, ""),
        }
        return mail.as_email(
            rendered,
            [formataddr((subscriber.name, subscriber.email))],
            from_email=settings.NASHR_NEWSLETTER_FROM,
            headers=headers,
            connection=self.connection,
        )


def open_connection():
    """A connection through EMAIL_BACKEND; an SMTP one never waits longer than a run may stay silent."""
    backend = settings.EMAIL_BACKEND
    options = {}
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        options["timeout"] = max(1.0, settings.NASHR_NEWSLETTER_STALE_AFTER / 4)
    connection = get_connection(backend, **options)
    connection.open()
    return connection


def _inline_images(mailing):
    """With NASHR_MAIL_IMAGES = "inline": the pictures the stored HTML shows (a cid: comes from a name)."""
    if getattr(settings, "NASHR_MAIL_IMAGES", "site") != "inline" or mailing.page is None:
        return ()
    return tuple(i for i in mail.render_issue(mailing.page).images if f"cid:{i.cid}" in mailing.html)


def _host():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
