"""What readers send, kind by kind, so that `manage.py purge_reader_data` can forget it.

Each app that keeps something a reader sent registers a `ReaderData` in its `AppConfig.ready()`:

    from nashr.core.reader_data import ReaderData, register

    register(ReaderData("newsletter subscribers", select=select_subscribers))

`select(email, before, options)` returns the queryset the purge covers: rows sent with `email` (any case), or
sent before `before` (a datetime), or both when both are given (None: not a criterion); `options` holds the
command's options (`keep_approved`...). `purge(queryset)` forgets them and returns what it did, as
{"deleted": n, ...}: the default deletes the rows. A kind that must keep a row (a comment others replied to)
returns other counts too ("anonymised"). The command prints every count and what Django's delete removed
through relations; a dry run does the same work in a transaction it rolls back, so its counts are exact.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

REGISTRY = {}


def delete_rows(queryset):
    """Delete the rows; the counts per model, including rows removed through relations."""
    _, per_model = queryset.delete()
    return {"deleted": per_model.get(queryset.model._meta.label, 0), "rows": Counter(per_model)}


@dataclass(frozen=True)
class ReaderData:
    name: str  # plural, as printed: "comments", "contact messages"
    select: Callable  # (email, before, options) -> QuerySet
    purge: Callable = delete_rows  # (queryset) -> {"deleted": n, ..., "rows": Counter of model label -> n}
    order: int = 100  # where it is listed


def register(kind):
    REGISTRY[kind.name] = kind
    return kind


def kinds():
    return sorted(REGISTRY.values(), key=lambda kind: (kind.order, kind.name))


def by_email_and_age(queryset, email, before, *, date_field="created_at", email_field="email"):
    """The usual selection: rows sent with `email` (any case) and/or before `before`."""
    if email:
        queryset = queryset.filter(**{f"{email_field}__iexact": email})
    if before is not None:
        queryset = queryset.filter(**{f"{date_field}__lt": before})
    return queryset
