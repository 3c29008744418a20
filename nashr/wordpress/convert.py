"""WordPress post HTML (classic editor or block editor) to Nashr body blocks.

Pure functions: `to_blocks(html, find_image)` returns a list of (block type, value) pairs for
`core.blocks.BodyBlock`. Text keeps every character; markup is reduced to what the body's rich text allows
(headings, bold, italic, links, lists, rules); scripts and styles are dropped. Images become image blocks
when `find_image(wp_id, src)` knows them, else a visible link to where they were. Shortcodes for captions,
galleries, embeds, audio and video become blocks; any other shortcode stays in the text as written.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure", "table", "pre",
    "hr", "section", "article", "aside", "header", "footer", "dl", "address", "nashr-shortcode", "iframe",
    "audio", "video", "object", "embed", "form", "details",
}  # fmt: skip
DROP_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "button", "input"}
INLINE_MAP = {"b": "b", "strong": "b", "i": "i", "em": "i", "cite": "i", "br": "br", "a": "a"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel", ""}
SHORTCODE = re.compile(
    r"\[(caption|wp_caption|gallery|embed|audio|video|playlist)\b([^\]]*)\]"
    r"(?:(.*?)\[/\1\])?",
    re.DOTALL,
)
SHORTCODE_ATTR = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")
URL_LINE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")


@dataclass
class Shortcode:
    name: str
    attrs: dict
    inner: str


def shortcode_attrs(text):
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in SHORTCODE_ATTR.finditer(text)
    }


def _extract_shortcodes(text):
    codes = []

    def replace(match):
        codes.append(Shortcode(match.group(1), shortcode_attrs(match.group(2)), match.group(3) or ""))
        return f'\n\n<nashr-shortcode data-index="{len(codes) - 1}"></nashr-shortcode>\n\n'

    return SHORTCODE.sub(replace, text), codes


def autop(text):
    """WordPress's wpautop in brief: blank lines part paragraphs, single line breaks become <br>."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for chunk in chunks:
        stripped = chunk.strip()
        if not stripped:
            continue
        first = re.match(r"<\s*([a-zA-Z][\w-]*)", stripped)
        if first and first.group(1).lower() in BLOCK_TAGS:
            out.append(stripped)
        elif URL_LINE.match(stripped):
            out.append(f'<nashr-url href="{html.escape(stripped.strip())}"></nashr-url>')
        else:
            out.append("<p>" + stripped.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


class Converter:
    def __init__(self, find_image):
        self.find_image = find_image
        self.blocks = []
        self.text = []  # rich text HTML waiting to become one paragraph block
        self.codes = []

    # -- output ------------------------------------------------------------------------

    def flush(self):
        content = "".join(self.text).strip()
        self.text = []
        if content:
            self.blocks.append(("paragraph", content))

    def block(self, kind, value):
        self.flush()
        self.blocks.append((kind, value))

    def image_block(self, img, caption="", as_value=False):
        src = img.get("src", "")
        match = WP_IMAGE_CLASS.search(" ".join(img.get("class", [])))
        image = self.find_image(match.group(1) if match else None, src)
        alt = img.get("alt", "")
        if image is None:
            label = alt or caption or src.rsplit("/", 1)[-1] or src
            if as_value:
                return None
            self.text.append(f"<p>{self.link(src, label)}</p>")
            if caption and caption != label:
                self.text.append(f"<p>{html.escape(caption, quote=False)}</p>")
            return None
        value = {"image": image, "caption": caption[:500], "alt_text": alt[:255]}
        if as_value:
            return value
        self.block("image", value)
        return value

    def link(self, href, label):
        return (
            f'<a href="{html.escape(href)}">{html.escape(label, quote=False)}</a>'
            if safe_url(href)
            else (html.escape(label, quote=False))
        )

    def embed(self, url, title="", provider=""):
        if not url or not safe_url(url) or not urlparse(url).scheme:
            self.text.append(f"<p>{html.escape(title or url, quote=False)}</p>")
            return
        host = urlparse(url).hostname or ""
        self.block(
            "embed",
            {
                "url": url,
                "title": (title or url)[:255],
                "provider": (provider or host)[:100],
                "thumbnail": None,
            },
        )

    # -- walking -------------------------------------------------------------------------

    def convert(self, source):
        source, self.codes = _extract_shortcodes(source or "")
        if "<!-- wp:" not in source:
            source = autop(source)
        soup = BeautifulSoup(source, "html.parser")
        self.walk(soup.contents)
        self.flush()
        return self.blocks

    def walk(self, nodes):
        for node in list(nodes):
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self.text.append(html.escape(str(node), quote=False))
                continue
            if isinstance(node, Tag):
                self.element(node)

    def element(self, node):
        name = node.name.lower()
        classes = " ".join(node.get("class", []))
        if name in DROP_TAGS:
            return
        if name == "nashr-shortcode":
            self.shortcode(self.codes[int(node["data-index"])])
        elif name == "nashr-url":
            self.embed(node["href"])
        elif name == "img":
            self.image_block(node)
        elif name == "figure":
            self.figure(node, classes)
        elif name == "blockquote":
            self.quote(node)
        elif name in ("audio", "video"):
            source = node.get("src") or (node.find("source") or {}).get("src", "")
            self.embed(source, source.rsplit("/", 1)[-1], name)
        elif name in ("iframe", "embed", "object"):
            url = node.get("src") or node.get("data", "")
            self.embed(url, node.get("title", ""))
        elif name == "table":
            rows = []
            for row in node.find_all("tr"):
                cells = [
                    html.escape(cell.get_text(" ", strip=True), quote=False)
                    for cell in row.find_all(["td", "th"])
                ]
                rows.append(" | ".join(cells))
            self.text.append("<p>" + "<br>".join(rows) + "</p>")
        elif name == "pre":
            self.text.append("<p>" + html.escape(node.get_text(), quote=False).replace("\n", "<br>") + "</p>")
        elif name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr"):
            self.text_block(node, name)
        elif name in BLOCK_TAGS or name in ("span", "center", "font") and node.find(["p", "figure", "img"]):
            self.walk(node.contents)
        else:
            self.text.append(self.inline(node))

    def text_block(self, node, name):
        images = node.find_all("img")
        if name == "hr":
            self.text.append("<hr>")
            return
        tag = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}.get(name, name)
        if name in ("ul", "ol"):
            items = "".join(
                f"<li>{self.inline_children(li)}</li>" for li in node.find_all("li", recursive=False)
            )
            if items:
                self.text.append(f"<{tag}>{items}</{tag}>")
        else:
            content = self.inline_children(node).strip()
            if content.replace("<br>", "").strip():
                self.text.append(f"<{tag}>{content}</{tag}>")
        for img in images:
            self.image_block(img)

    def inline_children(self, node):
        return "".join(self.inline(child) for child in node.contents)

    def inline(self, node):
        """Rich text for inline content; images are left out here and made blocks by the caller."""
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return html.escape(str(node), quote=False)
        name = node.name.lower()
        if name in DROP_TAGS or name == "img":
            return ""
        inner = self.inline_children(node)
        tag = INLINE_MAP.get(name)
        if tag == "br":
            return "<br>"
        if tag == "a":
            href = node.get("href", "")
            return f'<a href="{html.escape(href)}">{inner}</a>' if href and safe_url(href) else inner
        if tag and inner:
            return f"<{tag}>{inner}</{tag}>"
        if name in ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6") and inner:
            return inner + " "
        return inner

    def figure(self, node, classes):
        caption_node = node.find("figcaption")
        caption = caption_node.get_text(" ", strip=True) if caption_node else ""
        if "wp-block-gallery" in classes or "gallery" in classes.split():
            self.gallery_from_images(node.find_all("img"))
        elif "wp-block-embed" in classes:
            wrapper = node.find(class_="wp-block-embed__wrapper")
            url = (wrapper.get_text(strip=True) if wrapper else "") or (node.find("iframe") or {}).get(
                "src", ""
            )
            self.embed(url, caption)
        elif node.find(["audio", "video"]):
            media = node.find(["audio", "video"])
            source = media.get("src") or (media.find("source") or {}).get("src", "")
            self.embed(source, caption or source.rsplit("/", 1)[-1], media.name)
        elif node.find("blockquote"):
            self.quote(node.find("blockquote"))
        elif node.find("img"):
            imgs = node.find_all("img")
            if len(imgs) == 1:
                self.image_block(imgs[0], caption)
            else:
                self.gallery_from_images(imgs)
        else:
            self.walk(node.contents)

    def gallery_from_images(self, imgs):
        items, missing = [], []
        for img in imgs:
            figure = img.find_parent("figure")
            caption = figure.find("figcaption") if figure else None
            value = self.image_block(img, caption.get_text(" ", strip=True) if caption else "", as_value=True)
            (items if value else missing).append(value or img)
        if items:
            self.block("gallery", {"images": items})
        for img in missing:
            self.image_block(img)

    def quote(self, node):
        cite = node.find("cite")
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.extract()
        paragraphs = [p.get_text(" ", strip=True) for p in node.find_all("p")] or [
            node.get_text(" ", strip=True)
        ]
        text = "\n\n".join(p for p in paragraphs if p)
        if text:
            self.block("quote", {"text": text, "attribution": attribution[:255]})

    def shortcode(self, code):
        if code.name in ("caption", "wp_caption"):
            fragment = BeautifulSoup(code.inner, "html.parser")
            img = fragment.find("img")
            if img is None:
                self.text.append(f"<p>{html.escape(fragment.get_text(), quote=False)}</p>")
                return
            if img.find_parent("a"):
                img.find_parent("a").replace_with(img)
            img.extract()
            caption = code.attrs.get("caption") or fragment.get_text(" ", strip=True)
            if "wp-image" not in " ".join(img.get("class", [])) and code.attrs.get("id", "").startswith(
                "attachment_"
            ):
                img["class"] = [*img.get("class", []), "wp-image-" + code.attrs["id"].split("_", 1)[1]]
            self.image_block(img, caption)
        elif code.name == "gallery":
            ids = [i.strip() for i in code.attrs.get("ids", "").split(",") if i.strip()]
            images = [self.find_image(i, "") for i in ids]
            items = [{"image": image, "caption": "", "alt_text": ""} for image in images if image]
            if items:
                self.block("gallery", {"images": items})
            if len(items) < len(ids) or not ids:
                self.text.append(f"<p>{html.escape(self.written(code), quote=False)}</p>")
        elif code.name == "embed":
            self.embed(code.inner.strip() or code.attrs.get("src", ""))
        elif code.name in ("audio", "video"):
            url = code.attrs.get("src") or next(
                (
                    code.attrs[k]
                    for k in ("mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv", "m4v")
                    if k in code.attrs
                ),
                "",
            )
            if url:
                self.embed(url, url.rsplit("/", 1)[-1], code.name)
            else:
                self.text.append(f"<p>{html.escape(self.written(code), quote=False)}</p>")
        else:
            self.text.append(f"<p>{html.escape(self.written(code), quote=False)}</p>")

    @staticmethod
    def written(code):
        attrs = " ".join(f'{key}="{value}"' for key, value in code.attrs.items())
        opening = f"[{code.name}{' ' + attrs if attrs else ''}]"
        return f"{opening}{code.inner}[/{code.name}]" if code.inner else opening


def safe_url(url):
    scheme = urlparse(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES


def to_blocks(source, find_image):
    """Body blocks for WordPress post HTML. `find_image(wp_id or None, src)` returns an image or None."""
    return Converter(find_image).convert(source)


def to_rich_text(blocks):
    """One rich text document for pages whose body is rich text (home.StandardPage)."""
    parts = []
    for kind, value in blocks:
        if kind == "paragraph":
            parts.append(value if value.startswith("<") else f"<p>{value}</p>")
        elif kind == "image":
            parts.append(_image_link(value))
        elif kind == "gallery":
            parts.extend(_image_link(item) for item in value["images"])
        elif kind == "quote":
            attribution = f" — {value['attribution']}" if value["attribution"] else ""
            parts.append(f"<p>{html.escape(value['text'] + attribution, quote=False)}</p>")
        elif kind == "embed":
            parts.append(
                f'<p><a href="{html.escape(value["url"])}">{html.escape(value["title"], quote=False)}</a></p>'
            )
    return "".join(parts)


def _image_link(value):
    image = value["image"]
    label = value["caption"] or value["alt_text"] or image.title
    return f'<p><a href="{html.escape(image.file.url)}">{html.escape(label, quote=False)}</a></p>'
