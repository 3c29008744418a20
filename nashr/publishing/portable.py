"""Portable copies of rendered pages: links that work from any host and from a folder opened with no server.

`portable(path, body, content_type)` takes what the site rendered at the URL `path` and returns the same
document with every internal root-relative URL (`/fa/about/`, `/static/css/nashr.css`, `/media/images/x.jpg`)
made relative to the file that `path` is written to in the static output (`StaticWriter.file_for`), with
explicit file names: from `/fa/about/`, `/fa/articles/` becomes `../articles/index.html` and
`/fa/articles/?page=3` `../articles/index.page-3.html`. The result is served unchanged by a mirror on another
host name, an onion address or a `file://` folder. It also lists the `/static/` and `/media/` files the
document uses (`Portable.assets`), so a copy can carry them.

The rules:

- HTML: `href`, `src`, `srcset`, `poster`, `data`, `formaction`, `data-*` attributes holding a root-relative
  URL, and `url()` in `style` attributes and `<style>` elements are rewritten. Fragments are kept; a query
  string is dropped except a listing's `?page=N`, which names its own file (the static output has no other).
- Absolute URLs (`https://...`: canonical, hreflang, Open Graph, share links), protocol-relative `//host`,
  fragments, `mailto:` and relative URLs are left as they are. `javascript:` and `vbscript:` URLs are removed
  (the attribute is dropped): a copy must never run what a link hides.
- **Forms are replaced by a short note** linking to the same place on the primary address ("Search on the
  main site", "This form works on the main site"). A copy cannot answer a form, and pointing the form at the
  primary address would not work either: the comment and contact endpoints refuse posts from another
  origin (decision 0005), and a reader on a mirror, often there because the main site is blocked, would send
  their words or e-mail address to a host they may be watched reaching without being told. A link says where
  it goes. Forms whose action is an absolute URL on another host are left alone.
- With `inside` (a function of a root-relative page URL, `?page=N` included), links to pages for which it
  returns False are not part of the copy: they go to the primary address when `primary` is given, else lose
  their `href` (the text stays). Assets are always kept. Offline bundles use this; mirrors, which carry every
  page, do not.
- CSS (`text/css`): `url()` and `@import` are rewritten relative to the stylesheet's own address; assets it
  names with relative URLs (fonts) are listed too.
- Anything else (feeds, sitemaps, JSON) is returned as it is: feeds must carry absolute URLs.

Parsing uses Python's own `html.parser`, not lxml: only the tags that change are written anew, and every
other byte of the document (whitespace, comments, entities, even bytes that are not UTF-8) is kept exactly,
so a portable copy differs from the page only where a URL did; lxml rebuilds the whole document from its tree
and is a C extension the site would need at run time only for this.
"""

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, unquote, urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

URL_ATTRIBUTES = {"href", "src", "poster", "data", "formaction"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:")
CSS_URL = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<url>[^'")]*?)(?P=q)\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?P<q>['"])(?P<url>[^'"]*)(?P=q)""")
# Characters left as they are when a file path is written back as a URL.
SAFE = "/-._~!$&'()*+,;=:@"


@dataclass(frozen=True)
class Portable:
    body: bytes
    assets: list[str] = field(default_factory=list)


def portable(path, body, content_type, *, inside=None, primary=None):
    """`body` rendered at `path`, its internal links made relative to its file; see the module's rules.

    `primary`: the site's primary address ("https://news.example.org"), for the forms' notes and, with
    `inside`, the links that leave the copy; by default the default Wagtail site's.
    Returns a `Portable` with the new body and the `/static/` and `/media/` paths (decoded) it uses.
    """
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind not in ("text/html", "text/css"):
        return Portable(body, [])
    if primary is None and kind == "text/html":
        from nashr.editions.published import site_root_url

        primary = site_root_url()
    links = Links(path, kind, inside, (primary or "").rstrip("/"))
    text = body.decode("utf-8", "surrogateescape")
    text = links.css(text) if kind == "text/css" else _HTMLRewriter(text, links).rewrite()
    return Portable(text.encode("utf-8", "surrogateescape"), list(links.assets))


def file_of(path, content_type="text/html", page_number=None):
    """The file (relative to the output folder, decoded) that the static output writes `path` to."""
    from .static import StaticWriter

    return str(StaticWriter("/").file_for(path, content_type, page_number).relative_to("/"))


class Links:
    """Rewrites one URL at a time, relative to the file of the document being made portable."""

    def __init__(self, path, content_type, inside=None, primary=""):
        parts = urlsplit(path)
        self.path = parts.path or "/"
        self.directory = posixpath.dirname("/" + file_of(self.path, content_type, _page_number(parts.query)))
        self.inside = inside
        self.primary = primary
        self.assets = {}
        self.asset_prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p.startswith("/"))

    def url(self, value):
        """The portable form of `value`; None when the attribute should be dropped."""
        if _dangerous(value):
            return None
        stripped = value.strip()
        if not stripped.startswith("/") or stripped.startswith(("//", "/\\")):
            return value
        parts = urlsplit(stripped)
        target = _normalise(parts.path)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if target.startswith(self.asset_prefixes):
            self.assets.setdefault(unquote(target), None)
            return self._relative(unquote(target)) + fragment
        number = _page_number(parts.query)
        if self.inside is not None and not self.inside(target + (f"?page={number}" if number else "")):
            return self.primary + stripped if self.primary else None
        try:
            file = "/" + file_of(target, "text/html", number)
        except ValueError:  # a ".." hidden in percent-encoding: nothing of ours
            return None
        return self._relative(file) + fragment

    def srcset(self, value):
        candidates = []
        for candidate in re.split(r",\s+", value.strip()):
            url, _space, descriptor = candidate.strip().partition(" ")
            new = self.url(url) if url else None
            if new:
                candidates.append(f"{new} {descriptor.strip()}".strip())
        return ", ".join(candidates) or None

    def css(self, text, base=None):
        """`text` (a stylesheet, a `style` attribute or element) with its `url()` and `@import` rewritten."""
        base = base or self.path

        def replace(match):
            url = match.group("url").strip()
            if url and not url.startswith(("/", "#")) and not urlsplit(url).scheme:
                self._note_relative_asset(base, url)
                return match.group(0)
            start, end = (index - match.start() for index in match.span("url"))
            return match.group(0)[:start] + (self.url(url) or "") + match.group(0)[end:]

        text = CSS_URL.sub(replace, text)
        return CSS_IMPORT.sub(replace, text)

    def _note_relative_asset(self, base, url):
        resolved = _normalise(posixpath.join(posixpath.dirname(base), urlsplit(url).path))
        if resolved.startswith(self.asset_prefixes):
            self.assets.setdefault(unquote(resolved), None)

    def _relative(self, file):
        return quote(posixpath.relpath(file, self.directory), safe=SAFE, errors="surrogateescape")

    def form_note(self, method, action, lang, form_id):
        """A short paragraph in place of a form: a link to where the form works, on the primary address."""
        with translation.override(lang or translation.get_language()):
            if method == "get":
                text, target = _("Search on the main site"), action or self.path
            else:
                text, target = _("This form works on the main site"), self.path
                target += f"#{form_id}" if form_id else ""
        href = self.primary + target if self.primary else ""
        inner = f'<a href="{html.escape(href)}">{html.escape(text)}</a>' if href else html.escape(text)
        return f'<p class="portable-note">{inner}</p>'


def _dangerous(value):
    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


def _normalise(path):
    """`path` without `.` and `..` segments, never above the root, keeping a final slash."""
    normal = posixpath.normpath(path or "/")
    if normal.startswith("//"):
        normal = "/" + normal.lstrip("/")
    if path.endswith(("/", "/.", "/..")) and normal != "/":
        normal += "/"
    return normal


def _page_number(query):
    values = parse_qs(query).get("page", [])
    if values and values[-1].isdigit() and 1 < int(values[-1]) < 100_000:
        return int(values[-1])
    return None


class _HTMLRewriter(HTMLParser):
    """Collects edits (start, end, new text) to the document's tags and writes them over the original."""

    def __init__(self, text, links):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.links = links
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.edits = []
        # (start offset, index in edits, attributes, tag text) of the open form being replaced; as in
        # browsers, a form inside it is ignored and the first </form> closes it.
        self.form = None
        self.in_style = False
        self.lang = None

    def rewrite(self):
        self.feed(self.text)
        self.close()
        if self.form is not None:  # never closed: its content stays, the note replaces its tag
            start, index, attrs, raw = self.form
            self.edits.insert(index, (start, start + len(raw), self._note(attrs)))
        out, position = [], 0
        for start, end, new in sorted(self.edits, key=lambda edit: edit[0]):
            if start < position:
                continue
            out += [self.text[position:start], new]
            position = end
        out.append(self.text[position:])
        return "".join(out)

    def _position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag != "form" or self.form is None:
            return
        start, index, attrs, _raw = self.form
        end_start = self._position()
        end = self.text.find(">", end_start) + 1 or len(self.text)
        del self.edits[index:]
        self.edits.append((start, end, self._note(attrs)))
        self.form = None

    def handle_data(self, data):
        if self.in_style and self.form is None:
            start = self._position()
            new = self.links.css(data)
            if new != data:
                self.edits.append((start, start + len(data), new))

    def _tag(self, tag, attrs, closed):
        raw = self.get_starttag_text() or ""
        start = self._position()
        if tag == "html":
            self.lang = dict(attrs).get("lang") or self.lang
        if tag == "form":
            if self.form is not None:
                return
            if self._replaceable(attrs):
                self.form = (start, len(self.edits), attrs, raw)
                return
        self.in_style = tag == "style" and not closed
        new_attrs = self._attributes(tag, attrs)
        if new_attrs != attrs:
            self.edits.append((start, start + len(raw), _start_tag(tag, new_attrs, closed)))

    def _attributes(self, tag, attrs):
        new = []
        for name, value in attrs:
            if value is not None:
                value = self._attribute(tag, name, value)
                if value is None:
                    continue
            new.append((name, value))
        return new

    def _attribute(self, tag, name, value):
        if name in URL_ATTRIBUTES:
            return self.links.url(value)
        if name == "srcset":
            return self.links.srcset(value)
        if name == "style":
            return self.links.css(value)
        if name.startswith("data-") and re.fullmatch(r"/[^/\\\s][^\s]*|/", value.strip()):
            return self.links.url(value)
        if name == "action":  # a form kept as it is (absolute address elsewhere)
            return None if _dangerous(value) else value
        return value

    def _replaceable(self, attrs):
        action = (dict(attrs).get("action") or "").strip()
        scheme = urlsplit(action).scheme.lower()
        return not (scheme in ("http", "https") or action.startswith("//")) or _dangerous(action)

    def _note(self, attrs):
        values = dict(attrs)
        method = (values.get("method") or "get").strip().lower()
        action = (values.get("action") or "").strip()
        action = action if action.startswith("/") and not action.startswith("//") else ""
        return self.links.form_note(method, urlsplit(action).path, self.lang, values.get("id"))


def _start_tag(tag, attrs, closed):
    parts = [tag]
    for name, value in attrs:
        # Only what a double-quoted value needs escaped: the rest of the value stays as the page had it.
        escaped = None if value is None else value.replace("&", "&amp;").replace('"', "&quot;")
        parts.append(name if value is None else f'{name}="{escaped}"')
    return "<" + " ".join(parts) + (" />" if closed else ">")
