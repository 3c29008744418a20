"""Malformed requests for the fuzz test (test_fuzz.py): every public address of a site, bent in many ways.

`Targets` lists the addresses of a loaded site; `requests(targets, rng, count)` yields `Request`s made from
them with a seeded random generator, so a failing run prints requests that the same seed makes again.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from nashr.articles.models import Category
from nashr.comments.models import Comment
from nashr.people.models import Person

BIG = [
    "0",
    "-1",
    "00",
    "1.5",
    "1e9",
    "abc",
    "",
    " 2",
    "9" * 19,
    str(2**63),
    str(2**64 + 1),
    "9" * 40,
    "٢",
    "۳",
    "%00",
    "\x00",
    "0x10",
    "+3",
    "2147483648",
]
ODD_TEXT = [
    "\x00",
    "a\x00b",
    "%00",
    "%",
    "%zz",
    "%FF%FE",
    "%ED%A0%80",  # an encoded lone surrogate
    "%C0%AF",  # an overlong encoding of "/"
    "../../etc/passwd",
    "' OR 1=1 --",
    '"<script>alert(1)</script>',
    "\u202e\u200c\u200f",
    "راههاي ساده",
    "ك ي ة ۀ",
    "*",
    "(",
    "[a-",
    "\\",
    "&&||!!",
    "a" * 3000,
    "کتاب " * 300,
    "\r\n\t",
    "\ufeff",
    "😀" * 50,
    "AND OR NOT",
    ":*",
    "' \" ` ; --",
]
ORIGINS = [
    "http://[::1",
    "http://[",
    "null",
    "",
    "http://testserver",
    "https://elsewhere.example",
    "javascript:alert(1)",
    "http://testserver:99999",
    "http://ex ample",
    "\x00",
    "http://" + "a" * 9000,
    "%",
    "//",
]
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": ["*;q=x", "fa-IR;q=1e999", "zz", "a" * 10000, ",,,;;", "en;q=-1", "\x00"],
    "HTTP_IF_NONE_MATCH": ['"', "*", 'W/"', "a" * 5000, "\x00"],
    "HTTP_IF_MODIFIED_SINCE": ["yesterday", "Mon, 99 Foo 9999 99:99:99 GMT", "\x00", "0"],
    "HTTP_RANGE": ["bytes=9-1", "bytes=-", "bytes=99999999999999999999-", "lines=1-2"],
    "HTTP_COOKIE": ["sessionid=garbage", "sessionid=\x00", "=;=;", "a" * 8000, "messages=forged"],
    "HTTP_X_FORWARDED_FOR": ["not-an-address", "", ",", "999.999.999.999", "::ffff:zz"],
    "HTTP_X_REAL_IP": ["not-an-address", "\x00", "a" * 5000],
    "HTTP_REFERER": ["http://[::1", "::::", "http://testserver/\x00", "a" * 9000],
    "HTTP_ACCEPT": ["*/*;q=abc", "text/html;;;", "\x00"],
    "HTTP_USER_AGENT": ["\x00", "a" * 20000],
    "HTTP_X_FORWARDED_PROTO": ["gopher", "https,http"],
}
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=bogus",
    "application/x-www-form-urlencoded; charset=utf-16",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=xyz",
    "application/json",
    "text/plain",
    "",
    "\x00",
]
METHODS = ["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "POST", "TRACE", "PROPFIND", "get"]


@dataclass
class Request:
    method: str
    path: str
    body: bytes = b""
    content_type: str = "application/octet-stream"
    headers: dict = field(default_factory=dict)

    def __str__(self):
        headers = {k: (v if len(v) < 80 else f"{v[:40]}...({len(v)} chars)") for k, v in self.headers.items()}
        body = self.body if len(self.body) < 200 else self.body[:100] + b"...(%d bytes)" % len(self.body)
        path = self.path[:300]
        return f"{self.method} {path!r} content_type={self.content_type!r} headers={headers} body={body!r}"


@dataclass
class Targets:
    pages: list  # addresses of public pages: every type, every edition, listings, feeds
    searches: list
    forms: list  # (endpoint kind, edition code, page id)
    site: list  # outside the editions: sitemaps, robots.txt, documents, the edition chooser
    api: list = field(default_factory=list)  # the read API's listings and details, every edition

    @classmethod
    def of_site(cls):
        pages, forms = [], []
        for locale in Locale.objects.all():
            code = locale.language_code
            seen_types = set()
            for page in Page.objects.live().filter(locale=locale).exclude(depth=1).specific().iterator():
                if type(page) not in seen_types:
                    seen_types.add(type(page))
                    pages.append(page.url)
                    pages.extend(f"{page.url}{name}" for name in ("rss.xml", "atom.xml", "feed.json"))
                    if type(page).__name__ == "ContactPage":
                        pages.append(f"{page.url}thanks/")
                        forms.append(("contact-page", code, page.url))
                        forms.append(("contact-form", code, page.pk))
                    if type(page).__name__ == "ArticlePage":
                        forms.append(("comments", code, page.pk))
                        pages.append(f"/{code}/comments/{page.pk}/reply/{2**64}/")

            comment = Comment.objects.approved().filter(page__locale=locale).first()
            if comment is not None:  # the reply page of a published comment
                pages.append(f"/{code}/comments/{comment.page_id}/reply/{comment.pk}/")
                forms.append(("comments", code, comment.page_id))
            for model, route in ((Category, "category"), (Person, "author")):
                item = model.objects.filter(locale=locale).first()
                if item is not None:
                    pages.append(f"/{code}/{route}/{quote(item.slug)}/")
            pages.append(f"/{code}/tag/{quote('books')}/")
        forms += [("comments", "en", value) for value in (0, 1, 2**63 - 1, 2**63, 2**64 + 5, 10**30)]
        forms += [("contact-form", "fa", value) for value in (0, 2**63, 10**40)]
        searches = [f"/{locale.language_code}/search/" for locale in Locale.objects.all()]
        document = get_document_model().objects.first()
        site = ["/", "/robots.txt", "/sitemap.xml", "/sitemap-news.xml", "/edition/fa/", "/edition/zz/"]
        site += [f"/sitemap-{locale.language_code}-1.xml" for locale in Locale.objects.all()]
        site += [f"/sitemap-{locale.language_code}-topics.xml" for locale in Locale.objects.all()]
        site += ["/sitemap-en-0.xml", f"/sitemap-en-{'9' * 30}.xml", "/sitemap-zz-1.xml"]
        if document is not None:
            site += [f"/documents/{document.pk}/{quote(document.filename)}", f"/documents/{2**70}/x.pdf"]
        return cls(pages, searches, forms, site, api_addresses())


API_PARAMETERS = ["limit", "offset", "type", "category", "tag", "author", "date_from", "date_to", "order"]
API_PARAMETERS += ["fields", "slug", "utm_source"]


def api_addresses():
    """The read API of each edition: both listings, a post's and a picture's details, ids that are not."""
    from nashr.core.models import PostPage

    addresses = []
    for locale in Locale.objects.all():
        base = f"/{locale.language_code}/api/v2"
        addresses += [f"{base}/pages/", f"{base}/images/", f"{base}/pages/{2**63}/", f"{base}/images/0/"]
        post = PostPage.objects.live().filter(locale=locale).first()
        if post is not None:
            addresses.append(f"{base}/pages/{post.pk}/")
            if post.lead_image_id:
                addresses.append(f"{base}/images/{post.lead_image_id}/")
    return addresses


def _query(rng, names):
    pairs = [(rng.choice(names), rng.choice(BIG + ODD_TEXT)) for _ in range(rng.randint(1, 3))]
    raw = rng.random() < 0.5  # sent as typed, percent signs and all, or properly encoded
    return "&".join(f"{k}={v}" if raw else f"{quote(k)}={quote(v)}" for k, v in pairs)


def _bent_path(rng, path):
    junk = rng.choice(
        ["%", "%zz", "%FF", "%00", "\x00", "9" * 30, "..", "%2e%2e", "//", "a" * 3000, "%C0%AF", "x;y", "ۀ"]
    )
    choice = rng.randrange(5)
    if choice == 0:
        return path + junk
    if choice == 1:
        return path + junk + "/"
    if choice == 2:
        return path.replace("/", f"/{junk}", 1)
    if choice == 3:
        return path.rstrip("/")  # no trailing slash: APPEND_SLASH or 404
    return path + "page/" + rng.choice(BIG) + "/"


def _headers(rng, *, count=None):
    names = rng.sample(sorted(HEADERS), count if count is not None else rng.randint(0, 2))
    return {name: rng.choice(HEADERS[name]) for name in names}


def _form_body(rng, kind):
    fields = ["name", "email", "body", "subject", "message", "website", "reply_to", "notify", "parent"]
    if kind != "comments":
        fields = ["name", "email", "subject", "message", "website"]
    values = {
        name: rng.choice([*ODD_TEXT, "Reader", "reader@example.org", "A fair comment."]) for name in fields
    }
    if kind == "comments" and rng.random() < 0.5:
        values["parent"] = rng.choice([*BIG, "1", "2", "3"])
    if rng.random() < 0.3:
        values = {k: v for k, v in values.items() if rng.random() < 0.5}
    shape = rng.randrange(6)
    if shape == 0:
        return "application/json", json.dumps(values).encode()
    if shape == 1:
        return rng.choice(CONTENT_TYPES), bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
    if shape == 2:
        parts = [
            f'--xyz\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in values.items()
        ]
        body = "".join(parts) + rng.choice(["--xyz--\r\n", "", "--xy", "--xyz--"])
        return rng.choice(["multipart/form-data; boundary=xyz", "multipart/form-data"]), body.encode(
            "utf-8", "surrogatepass"
        )
    encoding = rng.choice(["utf-8", "latin-1", "utf-16"])
    body = "&".join(f"{quote(k)}={quote(v)}" for k, v in values.items())
    if shape == 3:
        body += "&" + rng.choice(["%", "%zz", "name", "=", "&&&", "body=%FF%FE", "name[]=1&name[]=2"])
    if shape == 4:
        body = body.replace("%", rng.choice(["%", "%%"]))
    return rng.choice(CONTENT_TYPES[:3]), body.encode(encoding, "replace")


def form_request(rng, targets):
    kind, code, target = rng.choice(targets.forms)
    path = target if kind == "contact-page" else f"/{code}/{kind}/{target}/"
    content_type, body = _form_body(rng, kind)
    headers = _headers(rng)
    headers["HTTP_ORIGIN"] = rng.choice(ORIGINS)
    if rng.random() < 0.2:
        del headers["HTTP_ORIGIN"]
    method = "POST" if rng.random() < 0.9 else rng.choice(METHODS)
    return Request(method, path, body, content_type, headers)


def requests(targets, rng, count):
    """`count` malformed requests spread over every target: pages, searches, forms, the site's files."""
    makers = [
        (
            30,
            lambda: Request(
                "GET", f"{rng.choice(targets.pages)}?{_query(rng, ['page', 'page', 'utm_source'])}"
            ),
        ),
        (
            10,
            lambda: Request(
                "GET", f"{rng.choice(targets.pages)}?{_query(rng, ['p', 'page_id', 'cat', 'tag'])}"
            ),
        ),
        (15, lambda: Request("GET", _bent_path(rng, rng.choice(targets.pages)))),
        (12, lambda: Request("GET", f"{rng.choice(targets.searches)}?{_query(rng, ['q', 'q', 'page'])}")),
        (8, lambda: Request("GET", rng.choice(targets.pages + targets.site), headers=_headers(rng, count=2))),
        (
            6,
            lambda: Request(
                rng.choice(METHODS), rng.choice(targets.pages + targets.site), b"x=1", "text/plain"
            ),
        ),
        (6, lambda: Request("GET", _bent_path(rng, rng.choice(targets.site)))),
        (20, lambda: form_request(rng, targets)),
        (12, lambda: Request("GET", f"{rng.choice(targets.api)}?{_query(rng, API_PARAMETERS)}")),
    ]
    weights = [weight for weight, _ in makers]
    for _ in range(count):
        yield rng.choices(makers, weights)[0][1]()


def rate_unlimited():
    """NASHR_FORM_RATE that never refuses, so malformed posts reach the form itself."""
    return {scope: (10**9, window) for scope, (_, window) in settings.NASHR_FORM_RATE.items()}
