"""What a page tells search engines and link previews: canonical URL, description, hreflang links,
feed autodiscovery, Open Graph and Twitter tags, and JSON-LD (schema.org).

Built from the template context of any public page, including the edition home's category, tag and author
pages (`object` and `kind` in the context).
"""

import json

from django.utils.encoding import escape_uri_path
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.models import Page

from nashr.articles.models import ArticlePage
from nashr.caching.store import fragment
from nashr.core.models import PostPage, SectionPage
from nashr.editions.editions import language_code_of
from nashr.editions.published import published_editions, site_root_url
from nashr.editions.switcher import page_translations
from nashr.feeds.sources import TYPES
from nashr.images.renditions import OG_IMAGE
from nashr.navigation.templatetags.navigation_tags import navigation
from nashr.publications.models import BookPage, PeriodicalIssuePage

from .hreflang import hreflang_links

# The formats' names, the same in every language (JSON Feed goes by "JSON": "Feed" is English).
FEED_LABELS = [("rss.xml", "rss", "RSS"), ("atom.xml", "atom", "Atom"), ("feed.json", "json", "JSON")]
# Characters escaped inside <script type="application/ld+json"> so text can never close the element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _editions(request):
    cached = getattr(request, "_nashr_published_editions", None)
    if cached is None:
        # The same for every page: shared until the whole site is renewed (an edition home's publish does).
        cached = fragment("published-editions", published_editions)
        request._nashr_published_editions = cached
    return cached


def _translations(obj, editions, root):
    """{language code: absolute URL} of the published versions of a page or translatable snippet."""
    by_locale = {e.locale_id: e for e in editions.values()}
    if isinstance(obj, Page):
        return {
            by_locale[p.locale_id].code: root + by_locale[p.locale_id].page_path(p.url_path)
            for p in page_translations(obj)
            if p.locale_id in by_locale
        }
    rows = type(obj).objects.filter(translation_key=obj.translation_key, locale_id__in=list(by_locale))
    return {by_locale[o.locale_id].code: root + o.get_absolute_url() for o in rows.select_related("locale")}


def _ancestors(page):
    """(title, url_path) of the pages above `page` under its edition's home, the home first."""
    if not page.url:
        return []
    trail = getattr(page, "ancestor_trail", None)  # the page's own, shared with its visible breadcrumbs
    if trail is None:
        trail = list(page.get_ancestors().filter(depth__gte=2).values_list("title", "url_path"))
    return trail


def _absolute(root, url):
    return url if url.startswith(("http://", "https://")) else root + url


def _iso(value):
    return value.isoformat() if value else None


def _person(person, root):
    return {"@type": "Person", "name": person.name, "url": root + person.get_absolute_url()}


def _og_image(image):
    if image is None:
        return None
    rendition = image.get_rendition(OG_IMAGE)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


class HeadMetadata:
    def __init__(self, context):
        self.request = context["request"]
        self.page = context["page"].specific if hasattr(context["page"], "specific") else context["page"]
        self.obj = context.get("object")
        self.kind = context.get("kind")
        self.posts = context.get("posts")
        self.root = site_root_url(self.request)
        self.editions = _editions(self.request)
        self.language = language_code_of(self.page.locale_id)
        self.edition = self.editions.get(self.language)
        self.site_name = navigation(context)["site_name"]

    # -- plain values ------------------------------------------------------------------------

    @cached_property
    def home_url(self):
        return self.root + self.edition.prefix

    @cached_property
    def title(self):
        if self.obj is not None:
            return self.obj.name
        return self.page.seo_title or self.page.title

    @cached_property
    def description(self):
        if self.obj is not None:
            text = getattr(self.obj, "description", "") or getattr(self.obj, "bio", "")
        else:
            text = self.page.search_description or self.page.summary
        if not text and self.is_listing:
            # A listing the newsroom has not described still tells search results what it is.
            text = gettext("The latest in %(title)s from %(site)s.") % {
                "title": self.title,
                "site": self.site_name,
            }
        return Truncator(text).chars(300) if text else ""

    @property
    def is_listing(self):
        """A section, or a category, tag or author's page: a list of pieces."""
        return self.obj is not None or isinstance(self.page, SectionPage)

    @cached_property
    def canonical(self):
        if self.obj is not None:
            url = self.root + escape_uri_path(self.request.path)
        else:
            url = self.root + self.edition.page_path(self.page.url_path)
        number = getattr(self.posts, "number", 1)
        return f"{url}?page={number}" if number > 1 else url

    @cached_property
    def image(self):
        if isinstance(self.page, PostPage) and self.obj is None:
            return self.page.lead_image
        if self.obj is not None and getattr(self.obj, "photo_id", None):
            return self.obj.photo
        return None

    # -- links ---------------------------------------------------------------------------------

    def alternates(self):
        if self.kind == "tag":  # tags belong to one edition
            return hreflang_links({self.language: self.canonical})
        target = self.obj if self.obj is not None else self.page
        return hreflang_links(_translations(target, self.editions, self.root))

    def feed_path(self):
        """The path under the edition of the feed that follows what this page shows, if not the edition's."""
        if self.obj is not None:
            return f"{self.kind}/{self.obj.slug}/"
        if isinstance(self.page, SectionPage):
            return self.page.url_path[len(self.edition.home_path) :]
        if isinstance(self.page, PeriodicalIssuePage):
            return f"periodical/{self.page.periodical}/"
        if isinstance(self.page, ArticlePage) and self.page.category:
            return f"category/{self.page.category.slug}/"
        return None

    def feeds(self):
        sources = [("", self.site_name)]
        path = self.feed_path()
        if path:
            name = self.obj.name if self.obj is not None else self._feed_name()
            sources.append((path, f"{self.site_name} · {name}"))
        return [
            {"type": TYPES[fmt], "title": f"{title} ({label})", "href": self.edition.path(f"{p}{filename}")}
            for p, title in sources
            for filename, fmt, label in FEED_LABELS
        ]

    def _feed_name(self):
        if isinstance(self.page, PeriodicalIssuePage):
            return str(self.page.get_periodical_display())
        if isinstance(self.page, ArticlePage):
            return self.page.category.name
        return self.page.title

    # -- Open Graph and Twitter ----------------------------------------------------------------

    def open_graph(self, image):
        is_post = isinstance(self.page, PostPage) and self.obj is None
        tags = [
            ("og:site_name", self.site_name),
            ("og:title", self.title),
            ("og:type", "article" if is_post else "website"),
            ("og:url", self.canonical),
        ]
        if self.description:
            tags.append(("og:description", self.description))
        if image:
            tags += [
                ("og:image", image["url"]),
                ("og:image:width", str(image["width"])),
                ("og:image:height", str(image["height"])),
                ("og:image:alt", image["alt"]),
            ]
        if is_post:
            tags.append(("article:published_time", self.page.published_at.isoformat()))
            modified = self.page.last_published_at or self.page.published_at
            tags.append(("article:modified_time", modified.isoformat()))
            if isinstance(self.page, ArticlePage):
                tags += [("article:author", _person(p, self.root)["url"]) for p in self.page.authors]
                tags += [("article:section", c.name) for c in self.page.category_list[:1]]
                tags += [("article:tag", t.name) for t in self.page.tag_list]
        return tags

    def twitter(self, image):
        tags = [
            ("twitter:card", "summary_large_image" if image else "summary"),
            ("twitter:title", self.title),
        ]
        if self.description:
            tags.append(("twitter:description", self.description))
        if image:
            tags += [("twitter:image", image["url"]), ("twitter:image:alt", image["alt"])]
        return tags

    # -- JSON-LD -------------------------------------------------------------------------------

    def organization(self):
        return {
            "@type": "Organization",
            "@id": f"{self.root}/#organization",
            "name": self.site_name,
            "url": self.home_url,
        }

    def website(self):
        return {
            "@type": "WebSite",
            "@id": f"{self.home_url}#website",
            "url": self.home_url,
            "name": self.site_name,
            "inLanguage": self.language,
            "publisher": {"@id": f"{self.root}/#organization"},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{self.home_url}search/?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        }

    def breadcrumbs(self):
        crumbs = []
        if self.obj is None:
            crumbs = [
                (title, self.root + self.edition.page_path(path))
                for title, path in [*_ancestors(self.page), (self.page.title, self.page.url_path)]
            ]
        else:
            crumbs = [(self.page.title, self.home_url), (self.obj.name, self.canonical.split("?")[0])]
        if len(crumbs) < 2:
            return None
        return {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "name": name, "item": url}
                for i, (name, url) in enumerate(crumbs, 1)
            ],
        }

    def main_entity(self, image):
        page = self.page
        if self.obj is not None or not isinstance(page, ArticlePage | BookPage | PeriodicalIssuePage):
            return None
        url = self.canonical
        data = {
            "@id": f"{url}#main",
            "url": url,
            "inLanguage": self.language,
            "datePublished": page.published_at.isoformat(),
            "publisher": {"@id": f"{self.root}/#organization"},
        }
        if self.description:
            data["description"] = self.description
        if image:
            data["image"] = {
                "@type": "ImageObject",
                "url": image["url"],
                "width": image["width"],
                "height": image["height"],
            }
        if isinstance(page, ArticlePage):
            data.update(
                {
                    "@type": "NewsArticle",
                    "mainEntityOfPage": url,
                    "headline": Truncator(page.title).chars(110),
                    "dateModified": (page.last_published_at or page.published_at).isoformat(),
                    "author": [_person(p, self.root) for p in page.authors],
                }
            )
            if page.category_list:
                data["articleSection"] = [c.name for c in page.category_list]
            if page.tag_list:
                data["keywords"] = [t.name for t in page.tag_list]
            if page.translator_id:
                data["translator"] = _person(page.translator, self.root)
            if page.has_provenance:
                original = {
                    "@type": "CreativeWork",
                    "name": page.original_title or None,
                    "url": page.original_url or None,
                    "inLanguage": page.original_language or None,
                    "datePublished": _iso(page.original_published_at),
                }
                if page.original_publication:
                    original["publisher"] = {"@type": "Organization", "name": page.original_publication}
                original = {k: v for k, v in original.items() if v}
                data["isBasedOn"] = original
                data["translationOfWork"] = original
        elif isinstance(page, BookPage):
            data.update({"@type": "Book", "name": page.title})
            if page.subtitle:
                data["alternativeHeadline"] = page.subtitle
            if page.book_authors:
                data["author"] = {"@type": "Person", "name": page.book_authors}
            if page.publisher:
                data["publisher"] = {"@type": "Organization", "name": page.publisher}
            if page.isbn:
                data["isbn"] = page.isbn
            if page.pages:
                data["numberOfPages"] = page.pages
            if page.year:
                data["copyrightYear"] = page.year
        else:
            data.update(
                {
                    "@type": "PublicationIssue",
                    "name": page.title,
                    "issueNumber": str(page.number),
                    "isPartOf": {
                        "@type": "Periodical",
                        "name": f"{self.site_name} · {page.get_periodical_display()}",
                        "publisher": {"@id": f"{self.root}/#organization"},
                    },
                }
            )
            if page.document_id:
                data["encoding"] = {
                    "@type": "MediaObject",
                    "contentUrl": self.root + page.document.url,
                    "encodingFormat": "application/pdf",
                }
        return data

    def json_ld(self, image):
        graph = [self.organization(), self.website()]
        graph += [item for item in (self.breadcrumbs(), self.main_entity(image)) if item]
        text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
        return text.translate(_JSON_ESCAPES)

    def as_dict(self):
        image = _og_image(self.image)
        if image:
            image["url"] = _absolute(self.root, image["url"])
            source = self.image
            # The image's alt text in this edition, else the page's caption, else the page's title: never
            # another edition's text.
            caption = getattr(self.page, "caption", "") if self.obj is None else ""
            image["alt"] = source.text_in(self.language).alt or caption or self.title
        return {
            "description": self.description,
            "canonical": self.canonical,
            "alternates": self.alternates(),
            "feeds": self.feeds(),
            "og": self.open_graph(image),
            "twitter": self.twitter(image),
            "json_ld": self.json_ld(image),
        }


def head_metadata(context):
    """The metadata dict for the page in `context`, or None where there is no published page to describe."""
    page = context.get("page")
    if page is None or context.get("request") is None or not isinstance(page, Page):
        return None
    metadata = HeadMetadata(context)
    if metadata.edition is None:
        return None
    return metadata.as_dict()
