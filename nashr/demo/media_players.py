"""The demo's media that plays (content/media_players.json): a video hosted elsewhere, shown as a facade in
every edition (its host is an example address: the facade contacts it only when a reader presses play), and
the contents of the newsletter and brief issues, linked to the pieces they name in each edition."""

from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from nashr.publications.models import PeriodicalIssuePage

from .media import load_video


def load_media_players(loader, data):
    for video in data["outside_videos"]:
        load_video(loader, video)
    for key, pieces in data["issue_contents"].items():
        periodical = key.split("-", 1)[0]
        source = loader.sections[("en", periodical)].get_children().filter(slug=key).first()
        if source is None:
            continue
        # As the newsroom would: the source first, its translations synced from it, then each translation
        # linked and published (so the translation desk does not show them lagging behind).
        issues = PeriodicalIssuePage.objects.filter(translation_key=source.translation_key)
        _link_contents(loader, source.specific, pieces)
        translation_source = TranslationSource.objects.filter(
            object_id=source.translation_key, locale_id=source.locale_id
        ).first()
        if translation_source is not None:
            translation_source.update_from_db()
        for issue in issues.exclude(pk=source.pk):
            _link_contents(loader, issue, pieces)


def _piece(loader, section_key, slug, locale):
    section = loader.sections.get(("en", section_key))
    source = section.get_children().filter(slug=slug).first() if section else None
    if source is None:
        return None
    return Page.objects.live().filter(translation_key=source.translation_key, locale=locale).first()


def _link_contents(loader, issue, pieces):
    if issue.items:
        return  # already done, or chosen by an editor
    linked = [_piece(loader, section, slug, issue.locale) for section, slug in pieces]
    entries = [
        {
            "type": "item",
            "value": {"page": page.pk, "url": "", "title": "", "summary": "", "group": "", "note": ""},
        }
        for page in linked
        if page is not None
    ]
    if entries:
        issue.items = entries
        issue.body = ""  # the highlights it listed as text are now its linked contents
        issue.save_revision().publish()
