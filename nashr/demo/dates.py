"""When the demo's pieces were published: relative to the day the demo is loaded, so it always looks current.

The content JSON gives a piece `"published": {"days_ago": 2, "at": "14:30"}` (the newsroom's time of day,
settings.TIME_ZONE); a piece whose time today is still to come is put a little before the load instead, in
the same order, so nothing is dated in the future. An absolute `"date": "2026-08-04"` (09:00 UTC) still works.
"""

import datetime as dt

from django.utils import timezone


def aware(date_text, hour=9):
    day = dt.date.fromisoformat(date_text)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)), dt.UTC)


def relative(days_ago, at, now=None):
    """The moment `days_ago` days before `now` at the time of day `at` ("HH:MM"), never after `now`."""
    now = timezone.localtime(now or timezone.now())
    hours, minutes = (int(part) for part in at.split(":"))
    if not (0 <= hours < 24 and 0 <= minutes < 60) or days_ago < 0:
        raise ValueError(f"not a past time of day: {days_ago} days ago at {at!r}")
    moment = now.replace(hour=hours, minute=minutes, second=0, microsecond=0) - dt.timedelta(days=days_ago)
    if moment > now:
        # Later today than the load: a few minutes before it, the later the time the nearer to the load.
        moment = now - dt.timedelta(minutes=1 + (24 * 60 - hours * 60 - minutes) / 20)
    return moment.replace(second=0, microsecond=0)


def published(item, now=None):
    """The publication moment of a demo item: its "published" (relative) or "date" (absolute)."""
    if "published" in item:
        return relative(item["published"]["days_ago"], item["published"]["at"], now)
    return aware(item["date"])


def original_date(provenance, published_at):
    """When a translated piece's original came out: `days_before` ours, or its absolute "date"."""
    if "days_before" in provenance:
        return timezone.localtime(published_at).date() - dt.timedelta(days=provenance["days_before"])
    return dt.date.fromisoformat(provenance["date"])
