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

from nashr.editions.editions import language_code_of
from nashr.editions.published import readers_editions, site_root_url
from nashr.editions.switcher import page_translations, snippet_translations
from nashr.feeds.sources import TYPES
from nashr.images.pictures import rendition_of
from nashr.images.renditions import OG_IMAGE
from nashr.navigation.templatetags.navigation_tags import navigation

from .hreflang import hreflang_links

# The formats' names, the same in every language (JSON Feed goes by "JSON": "Feed" is English).
FEED_LABELS = [("rss.xml", "rss", "RSS"), ("atom.xml", "atom", "Atom"), ("feed.json", "json", "JSON")]
# Characters escaped inside <script type="application/ld+json"> so text can never close the element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _translations(obj, editions, root):
    """{language code: absolute URL} of the published versions of a page or translatable snippet."""
    by_locale = {e.locale_id: e for e in editions.values()}
    if isinstance(obj, Page):
        return {
            by_locale[p.locale_id].code: root + by_locale[p.locale_id].page_path(p.url_path)
            for p in page_translations(obj)
            if p.locale_id in by_locale
        }
    rows = snippet_translations(obj)
    return {
        by_locale[o.locale_id].code: root + o.get_absolute_url() for o in rows if o.locale_id in by_locale
    }


def _ancestors(page):
    """(title, url_path) of the pages above `page` under its edition's home, the home first (its address
    is its edition's: HeadMetadata.canonical, without Wagtail's site root paths)."""
    trail = getattr(page, "ancestor_trail", None)  # the page's own, shared with its visible breadcrumbs
    if trail is None:
        trail = list(page.get_ancestors().filter(depth__gte=2).values_list("title", "url_path"))
    return trail


def _absolute(root, url):
    return url if url.startswith(("http://", "https://")) else root + url


def _og_image(image):
    if image is None:
        return None
    url, width, height = rendition_of(image, OG_IMAGE)  # read with the page's picture of it (one query)
    return {"url": url, "width": width, "height": height}


class HeadMetadata:
    def __init__(self, context):
        self.request = context["request"]
        self.page = context["page"].specific if hasattr(context["page"], "specific") else context["page"]
        self.obj = context.get("object")
        self.kind = context.get("kind")
        self.posts = context.get("posts")
        self.root = site_root_url(self.request)
        self.editions = readers_editions()
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
        return self.obj is not None or getattr(self.page, "lists_pieces", False)

    @cached_property
    def canonical(self):
        if self.obj is not None:
            url = self.root + escape_uri_path(self.request.path)
        else:
            url = self.root + self.edition.page_path(self.page.url_path)
        number = getattr(self.posts, "number", 1)
        return f"{url}?page={number}" if number > 1 else url

    @cached_property
    def is_post(self):
        return self.obj is None and getattr(self.page, "og_type", "website") == "article"

    @cached_property
    def image(self):
        if self.is_post:
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

    def followed_feed(self):
        """(path under the edition, name) of the feed that follows what this page shows, if not the
        edition's: a topic page's, else the one the page names."""
        if self.obj is not None:
            return f"{self.kind}/{self.obj.slug}/", self.obj.name
        followed = getattr(self.page, "followed_feed", None)
        return followed() if followed else None

    def feeds(self):
        sources = [("", self.site_name)]
        followed = self.followed_feed()
        if followed:
            path, name = followed
            sources.append((path, f"{self.site_name} · {name}"))
        return [
            {"type": TYPES[fmt], "title": f"{title} ({label})", "href": self.edition.path(f"{p}{filename}")}
            for p, title in sources
            for filename, fmt, label in FEED_LABELS
        ]

    # -- Open Graph and Twitter ----------------------------------------------------------------

    def open_graph(self, image):
        is_post = self.is_post
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
            tags += self.page.open_graph_tags(self.root)
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
            trail = [*_ancestors(self.page), (self.page.title, self.page.url_path)]
            crumbs = [(title, self.root + self.edition.page_path(path)) for title, path in trail]
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
        """The page's own schema.org entity (NewsArticle, Book, PublicationIssue), which its type builds on
        what every kind shares."""
        if not self.is_post:
            return None
        url = self.canonical
        data = {
            "@id": f"{url}#main",
            "url": url,
            "inLanguage": self.language,
            "datePublished": self.page.published_at.isoformat(),
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
        return self.page.structured_data(data, self.root, self.site_name)

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
