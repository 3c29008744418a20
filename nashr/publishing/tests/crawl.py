"""Links of rendered pages, for the tests of portable copies (a folder, a second origin, a bundle)."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL = re.compile(r'(?:href|src|poster|action)="([^"]*)"|srcset="([^"]*)"')


def urls_in(html):
    """Every URL in the page's href, src, poster, action and srcset attributes (entities left as written)."""
    for match in URL.finditer(html):
        if match.group(1) is not None:
            yield match.group(1).replace("&amp;", "&")
        else:
            yield from (candidate.strip().split(" ")[0] for candidate in match.group(2).split(","))


def external(url):
    return not url or url.startswith(("#", "mailto:")) or "://" in url


def broken_links(folder):
    """{url: page} for the URLs of the folder's pages that name no file inside it, root-relative URLs
    included (a folder opened from file:// cannot answer them)."""
    folder = Path(folder).resolve()
    broken = {}
    for page in folder.rglob("*.html"):
        for url in urls_in(page.read_text(encoding="utf-8", errors="replace")):
            if external(url):
                continue
            target = (page.parent / unquote(urlsplit(url).path)).resolve()
            if url.startswith("/") or not target.is_file() or folder not in target.parents:
                broken.setdefault(url, str(page.relative_to(folder)))
    return broken
