"""The demo's publications (content/media_and_pages.json): books and the newsletter's and brief's issues in
every edition, each with its PDF in the edition's script and direction; then the weekly digests."""

from nashr.publications.models import BookPage, PeriodicalIssuePage

from . import art
from .common import picture_of
from .digests import load_digests
from .media import post_fields

PERIODICALS = (("newsletter", "newsletter_issues", "city"), ("brief", "brief_issues", "leaf"))


def load_publications(loader):
    for book in loader.media["books"]:
        loader.translated_set(
            "books", book["key"], BookPage, lambda lang, book=book: _book(loader, book, lang)
        )
    for periodical, items, motif in PERIODICALS:
        for issue in loader.media[items]:
            key = f"{periodical}-{issue['number']}"
            cover = loader.image_in_editions(key, picture_of(issue, motif), credit="nashr")
            loader.translated_set(
                periodical,
                key,
                PeriodicalIssuePage,
                lambda lang, issue=issue, key=key, cover=cover, periodical=periodical: _issue(
                    loader, issue, key, periodical, cover, lang
                ),
            )
    load_digests(loader, loader.digests)


def _book(loader, book, lang):
    paragraphs = book["description"]
    pdf = _pdf(loader, f"{book['key']}-{lang}", book["title"], paragraphs, lang)
    return post_fields(book, lang, art.book_cover(loader, book, lang)) | {
        "subtitle": book["subtitle"][lang],
        "book_authors": book["authors_text"][lang],
        "publisher": book["publisher"][lang],
        "year": book["year"],
        "pages": book["pages"],
        "isbn": book["isbn"],
        "description": "".join(f"<p>{p[lang]}</p>" for p in paragraphs),
        "document": pdf,
    }


def _issue(loader, issue, key, periodical, cover, lang):
    items_html = "".join(f"<li>{h[lang]}</li>" for h in issue["highlights"])
    return post_fields(issue, lang, cover) | {
        "periodical": periodical,
        "number": issue["number"],
        "body": f"<ul>{items_html}</ul>",
        "document": _pdf(
            loader, f"{key}-{lang}", issue["title"], [issue["summary"]], lang, points=issue["highlights"]
        ),
    }


def _pdf(loader, key, title, paragraphs, lang, points=()):
    """The PDF `key` in `lang`: `title`, `paragraphs` and bulleted `points` ({lang: text} each). Where the
    edition's font is missing it is set in English in a core font, which has no bullet."""
    return loader.pdf(
        key,
        title[lang],
        [p[lang] for p in paragraphs] + [f"• {p[lang]}" for p in points],
        lang,
        fallback_title=title["en"],
        fallback_lines=[p["en"] for p in (*paragraphs, *points)],
    )
