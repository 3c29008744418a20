"""The demo's weekly digests: a digest section and schedule per edition, and one issue in each, drafted
by the composer from the edition's pieces of that week, then annotated and published as an editor would."""

import datetime as dt

from nashr.publications.digest import pieces
from nashr.publications.models import DigestSchedule, PeriodicalIssuePage

from .common import publish
from .dates import published

ENTRIES_PER_SECTION = 3


def load_digests(loader, data):
    """Called by the demo loader once the sections exist; finds before it creates, like the loader."""
    for lang, issue in data["issues"].items():
        section = loader.sections[(lang, "digest")]
        locale = loader.locales[lang]
        DigestSchedule.objects.get_or_create(
            locale=locale, defaults={"section": section, **data["schedules"][lang]}
        )
        slug = f"digest-{issue['number']}"
        if section.get_children().filter(slug=slug).exists():
            continue
        due = published(issue)
        page = PeriodicalIssuePage(
            title=issue["title"],
            slug=slug,
            locale=locale,
            periodical=PeriodicalIssuePage.Periodical.DIGEST,
            number=issue["number"],
            published_at=due,
            summary=issue["summary"],
            body=f"<p>{issue['intro']}</p>",
            items=_items(locale.pk, due, issue),
        )
        section.add_child(instance=page)
        publish(page)
        loader.created += 1


def _items(locale_id, due, issue):
    items = []
    for group, posts in pieces(locale_id, due - dt.timedelta(days=7), due, by="published_at"):
        for post in posts[:ENTRIES_PER_SECTION]:
            note = issue["note"] if not items else ""
            value = {
                "page": post,
                "url": "",
                "title": "",
                "summary": post.summary,
                "group": group,
                "note": note,
            }
            items.append(("item", value))
    for outside in issue["outside"]:
        items.append(("item", {"page": None, "note": "", **outside}))
    return items
