"""Issues for tests: a periodical section per edition and issues in it."""

from django.utils.text import slugify

from nashr.core.tests.factories import add_section, publish
from nashr.publications.models import PeriodicalIssuePage


def add_issue(section, title, number, periodical="digest", live=True, **fields):
    issue = PeriodicalIssuePage(
        title=title,
        slug=slugify(f"{periodical}-{number}"),
        periodical=periodical,
        number=number,
        live=False,
        **fields,
    )
    section.add_child(instance=issue)
    if live:
        return publish(issue)
    issue.save_revision()
    return issue


def entry(page=None, url="", title="", summary="", group="", note=""):
    """One raw value of an issue's `items` StreamField."""
    return {
        "type": "item",
        "value": {
            "page": page.pk if page is not None else None,
            "url": url,
            "title": title,
            "summary": summary,
            "group": group,
            "note": note,
        },
    }


__all__ = ["add_issue", "add_section", "entry", "publish"]
