"""What every part of the demo loader shares: the editions, the section tree, the content files and how a
page is published."""

import json
from pathlib import Path

CONTENT = Path(__file__).parent / "content"
EDITIONS = ["en", "fa", "ar", "sq"]
RTL = {"fa", "ar"}
SECTIONS = [
    # (key, slug, parent key)
    ("articles", "articles", None),
    ("media", "media", None),
    ("cartoons", "cartoons", "media"),
    ("news_pictures", "news-pictures", "media"),
    ("galleries", "galleries", "media"),
    ("videos", "videos", "media"),
    ("publications", "publications", None),
    ("books", "books", "publications"),
    ("newsletter", "newsletter", "publications"),
    ("brief", "brief", "publications"),
    ("digest", "digest", "publications"),
]


def load(name):
    return json.loads((CONTENT / name).read_text(encoding="utf-8"))


def picture_of(item, default="city"):
    """What an item's picture shows: its scene description ("picture") or its motif (demo/pictures.py)."""
    return item.get("picture") or item.get("motif", default)


def publish(page):
    page.save_revision().publish()
    return page
