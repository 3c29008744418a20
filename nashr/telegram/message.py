"""What a piece looks like in its edition's channel: HTML parse mode, within Telegram's limits.

A piece with a lead image goes as a photo with a caption (sendPhoto): the picture is uploaded from our own
storage, so it shows even where Telegram cannot fetch the site, and nothing depends on a link preview. The
caption holds at most 1,024 characters, so the summary is shortened to fit. A piece without a picture goes
as text (sendMessage, up to 4,096 characters) with a preview of its page. Decision 0019.

Text is escaped for Telegram's HTML (`&lt;`, `&gt;`, `&amp;`, `&quot;`: the entities it accepts) and only
`<b>` and `<a href>` are used. Right-to-left editions start each line with a right-to-left mark, so a
Persian or Arabic line that opens with a Latin name or a digit still reads from the right.
"""

import hashlib
from dataclasses import dataclass
from html import escape

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks

from nashr.editions.editions import get_edition

MIRROR_URLS_HOOK = "nashr_mirror_urls"
CAPTION_LIMIT = 1024
TEXT_LIMIT = 4096
RLM = "\u200f"
RENDITION = "max-1280x1280|format-jpeg|jpegquality-80"


@dataclass(frozen=True)
class Message:
    kind: str  # "photo" or "text"
    text: str  # HTML
    url: str  # the primary address, for the link preview
    image: object = None  # a NashrImage

    @property
    def image_key(self):
        """Changes when another picture, or a new file of the same one, is to be shown."""
        return f"{self.image.pk}:{self.image.file_hash or self.image.file.name}" if self.image else ""

    @property
    def fingerprint(self):
        return hashlib.sha256(f"{self.kind}\n{self.image_key}\n{self.text}".encode()).hexdigest()

    def photo(self):
        """(filename, bytes, content type) of the picture as uploaded."""
        rendition = self.image.get_rendition(RENDITION)
        with rendition.file.open("rb") as handle:
            return (f"{self.image.pk}.jpg", handle.read(), "image/jpeg")


def mirror_urls(page):
    """Absolute addresses of the page on the publication's mirrors (the `nashr_mirror_urls` hook)."""
    urls = []
    for fn in hooks.get_hooks(MIRROR_URLS_HOOK):
        urls += [url for url in fn(page) if url]
    return list(dict.fromkeys(urls))


def visible_length(text):
    """Length as Telegram counts it (UTF-16 code units) of text without markup."""
    return len(text.encode("utf-16-le")) // 2


def compose(page, language):
    """The Message for `page` (a live PostPage) in the channel of edition `language`."""
    url = page.get_full_url()
    mirrors = mirror_urls(page)[:2]
    kind = "photo" if page.lead_image_id else "text"
    mark = RLM if get_edition(language).bidi else ""
    with translation.override(language):
        links = [f'<a href="{escape(url)}">{escape(_("Read on the site"))}</a>']
        links += [f'<a href="{escape(u)}">{escape(_("Mirror"))}</a>' for u in mirrors]
        links_visible = _("Read on the site") + "".join(f" · {_('Mirror')}" for _u in mirrors)
    title = page.title.strip()
    summary = " ".join(page.summary.split())
    limit = CAPTION_LIMIT if kind == "photo" else TEXT_LIMIT
    room = limit - visible_length(f"{mark}{title}\n\n{mark}\n\n{mark}{links_visible}")
    summary = shorten(summary, room)
    parts = [f"{mark}<b>{escape(title, quote=False)}</b>"]
    if summary:
        parts.append(f"{mark}{escape(summary, quote=False)}")
    parts.append(mark + " · ".join(links))
    return Message(kind, "\n\n".join(parts), url, page.lead_image if kind == "photo" else None)


def shorten(text, room):
    """`text` cut at a word to fit `room` UTF-16 units, with an ellipsis; "" if nothing fits."""
    if visible_length(text) <= room:
        return text
    if room < 2:
        return ""
    used, end = 0, 0
    for index, char in enumerate(text):
        used += visible_length(char)
        if used > room - 1:  # the ellipsis takes one
            break
        end = index + 1
    cut = text[:end]
    if " " in cut and not text[end].isspace():
        cut = cut.rsplit(" ", 1)[0]  # no half word
    return cut.rstrip(" ,.;:،؛") + "…"


def retraction(language):
    """The text a message that cannot be deleted is replaced with."""
    with translation.override(language):
        return escape(_("This piece has been withdrawn by the newsroom."), quote=False)
