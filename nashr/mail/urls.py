"""What a reader's mail client may load: the site and nothing else.

Every `src` and `href` written as a path becomes an absolute URL on the site (mail has no base URL). Links
to other hosts stay exactly as written: no redirects, no parameters added. An image from another host is
dropped, so that opening a mail tells no third party who read it. With inline images on, each image of the
site's media is read from storage and carried in the message as a cid: attachment instead.
"""

import hashlib
import logging
import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage

logger = logging.getLogger("nashr.mail")

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\s(?:src|href|background)=")([^"]*)(")', re.IGNORECASE)
_SRC = re.compile(r'\ssrc="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class InlineImage:
    """An image carried in the message: referred to as `cid:<cid>` in the HTML."""

    cid: str
    filename: str
    content: bytes
    mimetype: str


def absolute(url, site_url):
    """`url` with a path made absolute on the site; anything else unchanged."""
    if url.startswith("/") and not url.startswith("//"):
        return site_url + url
    return url


def on_site(url, site_url):
    parts, site = urlsplit(url), urlsplit(site_url)
    return parts.scheme in ("http", "https") and parts.netloc == site.netloc


def _inline(url, images):
    """The cid: for an image of the site's media, read from storage; None when it is not one."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(settings.MEDIA_URL):
        return None
    name = path[len(settings.MEDIA_URL) :]
    if name not in images:
        try:
            with default_storage.open(name) as file:
                content = file.read()
        except OSError:
            return None
        cid = f"{hashlib.sha256(name.encode()).hexdigest()[:20]}@nashr"
        filename = name.rsplit("/", 1)[-1]
        mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        images[name] = InlineImage(cid, filename, content, mimetype)
    return f"cid:{images[name].cid}"


def for_mail(html, site_url, inline=False):
    """(html, inline images): `html` as a reader's client may load it (see the module's docstring)."""
    images = {}

    def image(match):
        tag = match.group(0)
        found = _SRC.search(tag)
        if found is None:
            return tag
        src = absolute(found.group(1), site_url)
        if src.startswith("cid:"):
            return tag
        if not on_site(src, site_url):
            logger.warning("Mail: an image from another host was left out: %s", src)
            return ""
        new = (_inline(src, images) if inline else None) or src
        return tag[: found.start(1)] + new + tag[found.end(1) :]

    html = _IMG.sub(image, html)
    html = _ATTR.sub(lambda m: m.group(1) + absolute(m.group(2), site_url) + m.group(3), html)
    return html, tuple(images.values())
