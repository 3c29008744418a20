"""The demo's drawn pictures that are not story scenes: a book's cover in each edition (demo/covers.py)
and every person's portrait (demo/portraits.py). Called by the loader, which finds each picture before it
draws it."""

from . import covers, portraits
from .common import RTL


def book_cover(loader, book, lang):
    """The cover of `book` in `lang`'s script and direction: its own picture per edition."""
    texts = tuple(book[field][lang] for field in ("title", "subtitle", "authors_text", "publisher"))
    fallback = tuple(book[field]["en"] for field in ("title", "subtitle", "authors_text", "publisher"))
    return loader.image(
        f"{book['key']}-cover-{lang}",
        None,
        texts[0],
        caption=texts[0],
        credit=loader.credit("nashr", lang),
        lang=lang,
        drawn=lambda: covers.draw(
            book["key"], texts, lang, book["picture"], rtl=lang in RTL, fallback=fallback
        ),
    )


def people_portraits(loader, people, editions):
    """Gives every person of the demo their portrait, in every edition, unless an editor chose another."""
    for item in people:
        key = item["key"]
        photo = None
        for lang in editions:
            photo = loader.image(
                f"portrait-{key}",
                None,
                item["name"]["en"],
                caption=item["name"][lang],
                lang=lang,
                drawn=lambda key=key: portraits.draw(key),
            )
            person = loader.people[(lang, key)]
            if person.photo_id is None:
                person.photo = photo
                person.save(update_fields=["photo"])
