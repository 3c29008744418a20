"""The static-build baselines of `make bench`: Hugo building the same site as Nashr's static output, and
Hugo building 2,000 generated pages in one language (the baseline of the figures before 2026-12-06).

**The same site** (`python bench/hugo_site.py FOLDER`, with the benchmark site's settings, as run.py runs
it): every published article of the benchmark database, in its edition's language and direction, with its
title, date, summary, body paragraphs, categories, authors and tags, as a Hugo site in four languages
(layouts in bench/hugo_same). Its outputs are Nashr's for the same articles: each article's page; the home
page and section of each language, each category, tag and author page, paginated by NASHR_PAGE_SIZE, each
with RSS, Atom and JSON Feed of NASHR_FEED_ITEMS entries with their whole bodies. Its pages show what
Nashr's show around an article, in Hugo's way: menus, breadcrumbs, the recent posts, related posts and
newer/older links. Nashr's other pages (media, publications, about, contact, sitemaps) are not in it.

**Generated pages** (the first baseline): pages of the same size as the generated articles they stand for
(a title, a summary, three to six paragraphs of words; `nashr/demo/generate.py`), with one to two
categories, one to two authors and one to four tags each (150 tags for the whole site, where the benchmark
site has 300 an edition), in one language; the section's and each taxonomy's paginated listings and an RSS
feed each: about a third of the files of Nashr's output.

Hugo builds with every core it finds, as it would for a newsroom.
"""

import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from aside import set_aside

TEMPLATE = Path(__file__).resolve().parent / "hugo"  # hugo.toml and the layouts
SAME_SITE = Path(__file__).resolve().parent / "hugo_same"  # the layouts of the same site

WORDS = (TEMPLATE / "words.txt").read_text().split()  # plain words, as generate_content writes


def _words(rnd, count):
    return " ".join(rnd.choice(WORDS) for _ in range(count))


def _paragraph(rnd):
    sentences = [_words(rnd, rnd.randint(8, 16)) for _ in range(rnd.randint(2, 4))]
    return " ".join(s[:1].upper() + s[1:] + "." for s in sentences)


def write_site(folder, pages, seed=1):
    """A Hugo site with `pages` generated posts under `folder` (emptied first)."""
    rnd = random.Random(seed)
    set_aside(folder)
    shutil.copytree(TEMPLATE, folder)
    posts = folder / "content" / "articles"
    posts.mkdir(parents=True)
    categories = [f"category {n}" for n in range(12)]
    tags = [f"tag {n}" for n in range(150)]
    authors = [f"author {n}" for n in range(40)]
    for number in range(pages):
        front = {
            "title": _words(rnd, rnd.randint(4, 9)).capitalize(),
            "date": f"20{21 + number % 5}-{1 + number % 12:02}-{1 + number % 28:02}T{number % 24:02}:00:00Z",
            "summary": _words(rnd, rnd.randint(15, 30)),
            "categories": rnd.sample(categories, k=rnd.choice((1, 1, 2))),
            "authors": rnd.sample(authors, k=rnd.choice((1, 1, 2))),
            "tags": rnd.sample(tags, k=rnd.randint(1, 4)),
        }
        lines = ["+++"]
        for key, value in front.items():
            if isinstance(value, list):
                value = "[" + ", ".join(f'"{v}"' for v in value) + "]"
            elif key != "date":
                value = f'"{value}"'
            lines.append(f"{key} = {value}")
        lines.append("+++")
        body = "\n\n".join(_paragraph(rnd) for _ in range(rnd.randint(3, 6)))
        (posts / f"post-{number}.md").write_text("\n".join(lines) + "\n\n" + body + "\n")


def _version(hugo):
    output = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout
    number = output.split()[1].lstrip("v").split("+")[0].split("-")[0]
    return tuple(int(part) for part in number.split(".")[:2])


def _hugo():
    hugo = shutil.which("hugo")
    if hugo is None:
        raise SystemExit("hugo is missing: `make bench` installs it with apt-get when run as root")
    return hugo


def build_time(folder, pages, rounds=3):
    """(median seconds of `rounds` clean Hugo builds of `pages` generated posts, files written)."""
    hugo = _hugo()
    folder = Path(folder)
    write_site(folder, pages)
    if _version(hugo) < (0, 128):  # older Hugo names the page size `paginate`
        config = folder / "hugo.toml"
        config.write_text(config.read_text().replace("[pagination]\n  pagerSize = 20\n", "paginate = 20\n"))
    return _time_builds(hugo, folder, rounds)


def same_site_build_time(folder, rounds=3):
    """(median seconds of `rounds` clean Hugo builds of the site `write_same_site` wrote, files written)."""
    return _time_builds(_hugo(), Path(folder), rounds)


def _time_builds(hugo, folder, rounds):
    times = []
    for _ in range(rounds):
        set_aside(folder / "public")  # not deleted: see aside.py
        started = time.monotonic()
        subprocess.run([hugo, "--quiet", "-s", str(folder)], check=True, capture_output=True)
        times.append(time.monotonic() - started)
    files = sum(1 for _ in (folder / "public").rglob("*") if _.is_file())
    return statistics.median(times), files


# The same site, written from the benchmark database (run inside Django: see the module's docstring).


def _config(languages, page_size, hugo_version):
    pagination = f"[pagination]\n  pagerSize = {page_size}"
    if hugo_version < (0, 128):  # older Hugo names the page size `paginate`
        pagination = f"paginate = {page_size}"
    lines = [
        'baseURL = "http://127.0.0.1/"',
        'title = "Bench"',
        f'defaultContentLanguage = "{languages[0][0]}"',
        "defaultContentLanguageInSubdir = true",
        'disableKinds = ["robotsTXT", "404"]',
        pagination,
        "[taxonomies]",
        '  category = "categories"',
        '  tag = "tags"',
        '  author = "authors"',
        "[related]",
        "  includeNewer = true",
        "  threshold = 0",
        "  toLower = false",
        "  [[related.indices]]",
        '    name = "tags"',
        "    weight = 100",
        "  [[related.indices]]",
        '    name = "categories"',
        "    weight = 80",
        '[mediaTypes."application/feed+json"]',
        '  suffixes = ["json"]',
        '[mediaTypes."application/atom+xml"]',
        '  suffixes = ["xml"]',
        "[outputFormats.atom]",
        '  mediaType = "application/atom+xml"',
        '  baseName = "atom"',
        '  rel = "alternate"',
        "[outputFormats.jsonfeed]",
        '  mediaType = "application/feed+json"',
        '  baseName = "feed"',
        '  rel = "alternate"',
        "  isPlainText = true",
        "[outputs]",
        '  home = ["html", "rss", "atom", "jsonfeed"]',
        '  section = ["html", "rss", "atom", "jsonfeed"]',
        '  taxonomy = ["html"]',
        '  term = ["html", "rss", "atom", "jsonfeed"]',
        "[languages]",
    ]
    for weight, (code, name, rtl) in enumerate(languages, 1):
        lines += [
            f"  [languages.{code}]",
            f'    languageName = "{name}"',
            f'    languageDirection = "{"rtl" if rtl else "ltr"}"',
            f'    contentDir = "content/{code}"',
            f"    weight = {weight}",
        ]
    return "\n".join(lines) + "\n"


def _toml(value):
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string takes JSON's escapes


def write_same_site(folder):
    """Write the benchmark database's published articles as a Hugo site under `folder` (emptied first);
    returns how many articles were written."""
    from collections import defaultdict

    from django.conf import settings
    from django.utils.html import strip_tags
    from wagtail.models import Locale

    from nashr.articles.models import ArticleAuthor, ArticlePage, ArticleTag
    from nashr.editions.editions import get_edition

    folder = Path(folder)
    set_aside(folder)
    shutil.copytree(SAME_SITE, folder)
    articles = ArticlePage.objects.live().public()
    categories, authors, tags = defaultdict(list), defaultdict(list), defaultdict(list)
    for page, name in ArticlePage.categories.through.objects.values_list("articlepage_id", "category__name"):
        categories[page].append(name)
    for page, name in ArticleAuthor.objects.order_by("sort_order").values_list("page_id", "person__name"):
        authors[page].append(name)
    for page, name in ArticleTag.objects.values_list("content_object_id", "tag__name"):
        tags[page].append(name)
    languages = []
    for locale in Locale.objects.filter(pk__in=articles.values("locale_id")).order_by("pk"):
        edition = get_edition(locale.language_code)
        languages.append((locale.language_code, edition.name, edition.bidi))
    written = 0
    for page in articles.select_related("locale").iterator():
        paragraphs = [strip_tags(block.value.source) for block in page.body if hasattr(block.value, "source")]
        front = {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "categories": categories[page.pk],
            "authors": authors[page.pk],
            "tags": tags[page.pk],
        }
        lines = ["+++", f"date = {page.published_at.isoformat()}"]
        lines += [f"{key} = {_toml(value)}" for key, value in front.items()]
        lines.append("+++")
        target = folder / "content" / page.locale.language_code / "articles" / f"{page.slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n\n" + "\n\n".join(paragraphs) + "\n")
        written += 1
    (folder / "hugo.toml").write_text(_config(languages, settings.NASHR_PAGE_SIZE, _version(_hugo())))
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    print(write_same_site(sys.argv[1]), "articles written")
