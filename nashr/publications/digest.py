"""The weekly digest composes itself.

Each edition with a DigestSchedule gets, once a week at its day and hour in the newsroom's time zone, a
draft of its next numbered digest: the edition's pieces first published since the last digest, each with
its title, one-line summary and link, grouped by section (sections in the site's order, newest piece first).
Editors reorder, cut, annotate, add outside links, preview, test and send it. With "send unattended" the
worker publishes it and hands it to the newsletter sender itself.

The worker calls `compose_due()` with every round of scheduled publishing (nashr/worker; wagtail_hooks.py
registers it with `nashr_worker_round`). A DigestRun row, unique per schedule and week, is written in the
same transaction as the draft: however many workers run, and whatever editors do with the draft
afterwards, a week is composed once. A schedule composes no week due before the schedule was made.

Sending is the newsletters app's: `settings.NASHR_ISSUE_SENDER` names the function that sends an issue to
its lists (default "nashr.newsletters.sending.send_issue", called as `send_issue(page)`). When it cannot be
imported, an unattended digest stays a draft and the worker logs why.
"""

import datetime as dt
import logging
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.models import Page

from nashr.core.models import PostPage, SectionPage
from nashr.editions.editions import get_edition

from .models import DigestRun, DigestSchedule, PeriodicalIssuePage

logger = logging.getLogger("nashr.worker")

DIGEST = PeriodicalIssuePage.Periodical.DIGEST
DEFAULT_SENDER = "nashr.newsletters.sending.send_issue"


def due_at(schedule, now):
    """The latest moment at or before `now` that is the schedule's day and hour in its time zone."""
    zone = zoneinfo.ZoneInfo(schedule.time_zone)
    local = now.astimezone(zone)
    day = local.date() - dt.timedelta(days=(local.weekday() - schedule.weekday) % 7)
    due = dt.datetime.combine(day, dt.time(schedule.hour), tzinfo=zone)
    if due > now:
        due = dt.datetime.combine(day - dt.timedelta(days=7), dt.time(schedule.hour), tzinfo=zone)
    return due


def compose_due(now=None):
    """Draft (and, where the edition says so, send) every digest that is due; returns the new pages."""
    now = now or timezone.now()
    composed = []
    for schedule in DigestSchedule.objects.filter(enabled=True).select_related("locale", "section"):
        try:
            page = compose(schedule, now)
        except Exception:  # one edition's failure must not stop the others; retried next round
            logger.exception("Digest: composing for %s failed", schedule)
            continue
        if page is not None:
            composed.append(page)
    return composed


def compose(schedule, now):
    """The draft of the week due at `now`, or None when that week is composed already (or not yet due)."""
    due = due_at(schedule, now)
    if due < schedule.created_at or schedule.runs.filter(due_at__gte=due).exists():
        return None
    since = _since(schedule, due)
    try:
        with transaction.atomic():
            run = DigestRun.objects.create(schedule=schedule, due_at=due)
            run.page = draft(schedule, due, pieces(schedule.locale_id, since, due))
            run.save(update_fields=["page"])
    except IntegrityError:  # another worker composed this week a moment ago
        return None
    page = run.page
    logger.info("Digest: drafted %r (page %s), %d entries", page.title, page.pk, len(page.items))
    if schedule.auto_send:
        send_unattended(page)
    return page


def _since(schedule, due):
    """Where this digest starts: the previous week composed, else the last digest published, else a week."""
    previous = schedule.runs.filter(due_at__lt=due).order_by("-due_at").first()
    if previous is not None:
        return previous.due_at
    last = (
        PeriodicalIssuePage.objects.live()
        .filter(locale_id=schedule.locale_id, periodical=DIGEST, first_published_at__lt=due)
        .order_by("-first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    return last or due - dt.timedelta(days=7)


def pieces(locale_id, since, until, by="first_published_at"):
    """[(section title, [post])]: the edition's live posts first published in (since, until], by section
    in the site's order, newest first within each; digests are not pieces. (`by="published_at"` goes by
    the date readers see instead: the demo, loaded today, has pieces dated in the past.)"""
    posts = list(
        PostPage.objects.live()
        .public()
        .in_edition(locale_id)
        .filter(**{f"{by}__gt": since, f"{by}__lte": until})
        .exclude(periodicalissuepage__periodical=DIGEST)
        .order_by(f"-{by}", "-pk")
    )
    step = Page.steplen
    parents = {post.path[:-step] for post in posts}
    sections = dict(SectionPage.objects.filter(path__in=parents).values_list("path", "title"))
    grouped = {}
    for post in posts:
        grouped.setdefault(post.path[:-step], []).append(post)
    return [(sections.get(path, ""), grouped[path]) for path in sorted(grouped)]


def draft(schedule, due, grouped):
    """A new draft digest, numbered after the edition's last, filed in the schedule's section."""
    edition = get_edition(schedule.locale.language_code)
    latest = PeriodicalIssuePage.objects.filter(locale_id=schedule.locale_id, periodical=DIGEST)
    number = (latest.aggregate(Max("number"))["number__max"] or 0) + 1
    local_due = due.astimezone(zoneinfo.ZoneInfo(schedule.time_zone))
    with translation.override(edition.code):
        title = _("Weekly digest – %(number)s") % {"number": edition.digits(number)}
        summary = _("The week to %(date)s.") % {
            "date": edition.digits(formats.date_format(local_due, "DATE_FORMAT"))
        }
    items = [
        (
            "item",
            {"page": post, "url": "", "title": "", "summary": post.summary, "group": section, "note": ""},
        )
        for section, posts in grouped
        for post in posts
    ]
    page = PeriodicalIssuePage(
        title=title,
        slug=_free_slug(schedule.section, f"digest-{number}"),
        locale=schedule.locale,
        periodical=DIGEST,
        number=number,
        published_at=due,
        summary=summary,
        items=items,
        live=False,
    )
    schedule.section.add_child(instance=page)
    page.save_revision(log_action=True)
    return page


def _free_slug(parent, slug):
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def issue_sender():
    """The function that sends an issue to its lists, or None while no app provides it."""
    try:
        return import_string(getattr(settings, "NASHR_ISSUE_SENDER", DEFAULT_SENDER))
    except ImportError:
        return None


def send_unattended(page):
    """Publish `page` and send it to its lists; without a sender it stays a draft. Returns whether sent."""
    sender = issue_sender()
    if sender is None:
        logger.error(
            "Digest: %r stays a draft: no sender to send it unattended (NASHR_ISSUE_SENDER)", page.title
        )
        return False
    page.get_latest_revision().publish()
    page.refresh_from_db()
    sender(page)
    logger.info("Digest: published and sent %r (page %s)", page.title, page.pk)
    return True
