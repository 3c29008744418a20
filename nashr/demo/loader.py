"""Loads the demo publication: four editions with articles, media, publications, About and Contact.

Idempotent: every object is looked up by a stable key before it is created, so a second run changes
nothing and an interrupted run completes on the next one. All text is in content/*.json.
"""

import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update

from nashr.articles.models import ArticleAuthor, ArticlePage, Category
from nashr.comments.models import Comment
from nashr.contact.models import ContactPage
from nashr.core.models import SectionPage
from nashr.editions.urls import edition_url
from nashr.home.models import HomePage, StandardPage
from nashr.images.models import NashrImage
from nashr.multimedia.models import GalleryImage, GalleryPage, ImagePostPage, VideoPage
from nashr.navigation.models import Navigation
from nashr.people.models import Person
from nashr.publications.models import BookPage, PeriodicalIssuePage

from . import art, documents, pictures
from .dates import aware, original_date, published  # noqa: F401 (aware: absolute dates, for new entries)
from .digests import load_digests
from .media_players import load_media_players
from .translations import draft_of, localize, revise, same_block_ids

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


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0
        self.taxonomy = load("taxonomy.json")
        self.shared = load("articles_shared.json")
        self.local = load("articles_local.json")
        self.media = load("media_and_pages.json")
        self.digests = load("digests.json")
        self.locales = {}
        self.homes = {}
        self.sections = {}  # (lang, key) -> SectionPage
        self.categories = {}  # (lang, key) -> Category
        self.people = {}  # (lang, key) -> Person
        self.about = {}  # lang -> StandardPage
        self.contact = {}  # lang -> ContactPage
        authors = [p["key"] for p in self.taxonomy["people"] if p["role"] == "author"]
        translators = [p["key"] for p in self.taxonomy["people"] if p["role"] == "translator"]
        self.placeholders = {f"author:{i}": k for i, k in enumerate(authors, 1)}
        self.placeholders |= {f"translator:{i}": k for i, k in enumerate(translators, 1)}

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    # -- building blocks -------------------------------------------------------------------

    def image(self, key, motif, title, caption="", credit="", lang="en", drawn=None):
        """The demo picture `key`, its caption (and alt text) in `lang`: the first edition to use a picture
        writes its own texts, the others add theirs to it. Drawn as `motif` (a scene or a motif, see
        demo/pictures.py) or by `drawn()` (JPEG bytes)."""
        title_key = f"demo/{key}"
        existing = NashrImage.objects.filter(title=title_key).first()
        if existing:
            if caption and lang != existing.language and lang not in existing.texts:
                existing.set_text(lang, alt=caption[:255], caption=caption[:500])
                existing.save(update_fields=["texts"])
            return existing
        image = NashrImage(
            title=title_key,
            language=lang,
            description=caption[:255],
            default_caption=caption,
            credit=credit,
            file=ImageFile(io.BytesIO(drawn() if drawn else pictures.draw(key, motif)), name=f"{key}.jpg"),
        )
        image.save()
        self.created += 1
        return image

    def pdf(self, key, title, lines, lang, fallback_title=None, fallback_lines=None):
        Document = get_document_model()
        title_key = f"demo/{key}"
        existing = Document.objects.filter(title=title_key).first()
        if existing:
            return existing
        data = documents.make_pdf(
            title,
            lines,
            rtl=lang in RTL,
            fallback_title=fallback_title,
            fallback_lines=fallback_lines,
        )
        document = Document(title=title_key, file_size=len(data))
        document.file.save(f"{key}.pdf", ContentFile(data), save=False)
        document.save()
        self.created += 1
        return document

    def child(self, parent, model, slug, **fields):
        """The live child of `parent` with `slug`, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        publish(page)
        self.created += 1
        return page

    def translation(self, source, lang, **fields):
        """The translation of `source` into `lang`, created (sharing its translation key) if missing."""
        locale = self.locales[lang]
        existing = source.get_translation_or_none(locale)
        if existing:
            return existing.specific
        page = localize(source, locale, draft_of(source, **fields)).specific
        for name, value in fields.items():  # and what is not text: documents, pictures, addresses
            setattr(page, name, value)
        page.save()
        publish(page)
        self.created += 1
        return page

    # -- the site ------------------------------------------------------------------------

    def run(self):
        # Wagtail queues a reference-index task per saved row; publishing a gallery replaces its picture
        # rows, so the tasks queued for the rows replaced would fail in the worker. One rebuild instead.
        with disable_reference_index_auto_update():
            self.load()
        if self.created:
            call_command("rebuild_references_index", stdout=io.StringIO())
        return self.created

    def load(self):
        with transaction.atomic():
            self.editions()
            self.snippets()
            self.structure()
        for story in self.shared:
            with transaction.atomic():
                self.shared_article(story)
        for story in self.local:
            with transaction.atomic():
                self.local_article(story)
        with transaction.atomic():
            self.multimedia()
            self.publications()
            load_media_players(self, load("media_players.json"))
        with transaction.atomic():
            self.navigation()
            self.comments()

    def editions(self):
        for lang in EDITIONS:
            self.locales[lang], _ = Locale.objects.get_or_create(language_code=lang)
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first()
        site_text = self.media["site"]
        home = HomePage.objects.filter(locale=self.locales["en"], depth=2).first()
        if home is None:
            # Replace Wagtail's placeholder welcome page with the English edition's home.
            for placeholder in root.get_children().exclude(content_type__model="homepage"):
                placeholder.delete()
            home = HomePage(
                title=site_text["name"]["en"],
                slug="home",
                summary=site_text["home_intro"]["en"],
                locale=self.locales["en"],
            )
            root.add_child(instance=home)
            publish(home)
            self.created += 1
        # The site's address is where `make run` serves it (WAGTAILADMIN_BASE_URL, which `make run` takes from
        # HOST and PORT unless it is set), so the absolute links in feeds, sitemaps, share links and canonical
        # URLs work in the demo. Every run sets it again: the next `make run` may serve on another port.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname = address.hostname or "localhost"
        port = address.port or (443 if address.scheme == "https" else 80)
        if site is None:
            site = Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name=site_text["name"]["en"],
            )
        elif site.root_page_id != home.pk or (site.hostname, site.port) != (hostname, port):
            if site.root_page_id != home.pk:
                site.root_page = home
                site.site_name = site_text["name"]["en"]
            elif site.hostname != hostname or site.port != port:
                self.log(
                    f"The demo site's address is now {hostname}:{port} (it was {site.hostname}:{site.port})."
                )
            site.hostname, site.port = hostname, port
            site.save()  # renews every edition in the page cache (publishing/signals.py)
        self.homes["en"] = home
        for lang in EDITIONS[1:]:
            self.homes[lang] = self.translation(
                home, lang, title=site_text["name"][lang], summary=site_text["home_intro"][lang]
            )

    def snippets(self):
        for item in self.taxonomy["categories"]:
            source = None
            for lang in EDITIONS:
                text = item[lang]
                category = Category.objects.filter(locale=self.locales[lang], slug=item["key"]).first()
                if category is None:
                    fields = {"name": text["name"], "description": text["description"]}
                    if source:
                        category = localize(source, self.locales[lang], draft_of(source, **fields))
                    else:
                        category = Category.objects.create(
                            locale=self.locales[lang], slug=item["key"], **fields
                        )
                    self.created += 1
                source = source or category
                self.categories[(lang, item["key"])] = category
        for item in self.taxonomy["people"]:
            source = None
            for lang in EDITIONS:
                person = Person.objects.filter(locale=self.locales[lang], slug=item["key"]).first()
                if person is None:
                    fields = {"name": item["name"][lang], "bio": item["bio"][lang]}
                    if source:
                        person = localize(source, self.locales[lang], draft_of(source, **fields))
                    else:
                        person = Person.objects.create(locale=self.locales[lang], slug=item["key"], **fields)
                    self.created += 1
                source = source or person
                self.people[(lang, item["key"])] = person
        art.people_portraits(self, self.taxonomy["people"], EDITIONS)

    def structure(self):
        texts = {**self.media["sections"], "digest": self.digests["section"]}
        for key, slug, parent_key in SECTIONS:
            text = texts[key]
            parent = self.homes["en"] if parent_key is None else self.sections[("en", parent_key)]
            source = self.child(
                parent, SectionPage, slug, title=text["title"]["en"], intro=text["intro"]["en"]
            )
            self.sections[("en", key)] = source
            for lang in EDITIONS[1:]:
                self.sections[(lang, key)] = self.translation(
                    source, lang, title=text["title"][lang], intro=text["intro"][lang]
                )
        about = self.media["about"]
        contact = self.media["contact"]
        for lang in EDITIONS:
            body = "".join(f"<p>{paragraph[lang]}</p>" for paragraph in about["body"])
            fields = {"title": about["title"][lang], "body": body}
            if lang == "en":
                about_en = self.child(self.homes["en"], StandardPage, "about", **fields)
                self.about[lang] = about_en
            else:
                self.about[lang] = self.translation(about_en, lang, **fields)
            fields = {
                "title": contact["title"][lang],
                "intro": contact["intro"][lang],
                "thanks": contact["thanks"][lang],
            }
            if lang == "en":
                contact_en = self.child(self.homes["en"], ContactPage, "contact", **fields)
                self.contact[lang] = contact_en
            else:
                self.contact[lang] = self.translation(contact_en, lang, **fields)

    # -- articles ------------------------------------------------------------------------

    def person(self, lang, key):
        return self.people[(lang, self.placeholders.get(key, key))]

    def body(self, story_key, blocks, lang):
        stream = []
        for index, block in enumerate(blocks):
            if block["type"] == "paragraph":
                stream.append(("paragraph", RichText(f"<p>{block['text']}</p>")))
            elif block["type"] == "quote":
                stream.append(("quote", {"text": block["text"], "attribution": block.get("attribution", "")}))
            elif block["type"] == "image":
                image = self.image(
                    f"{story_key}-{index}",
                    picture_of(block),
                    block["caption"],
                    caption=block["caption"],
                    lang=lang,
                )
                stream.append(("image", {"image": image, "caption": block["caption"], "alt_text": ""}))
            elif block["type"] == "embed":
                thumbnail = self.image(f"{story_key}-{index}", picture_of(block), block["title"])
                value = {"url": block["url"], "title": block["title"], "provider": block.get("provider", "")}
                stream.append(("embed", {**value, "thumbnail": thumbnail}))
            elif block["type"] == "gallery":
                images = [
                    {
                        "image": self.image(
                            f"{story_key}-{index}-{i}",
                            picture_of(item),
                            item["caption"],
                            item["caption"],
                            lang=lang,
                        ),
                        "caption": item["caption"],
                        "alt_text": "",
                    }
                    for i, item in enumerate(block["images"])
                ]
                stream.append(("gallery", {"images": images}))
            else:
                raise ValueError(f"{story_key}: unknown block type {block['type']!r}")
        return stream

    def article_fields(self, story, text, lang, lead):
        fields = {
            "title": text["title"],
            "summary": text["summary"],
            "published_at": published(story),
            "lead_image": lead,
            "lead_caption": text.get("lead_caption", ""),
        }
        provenance = story.get("provenance")
        if provenance:
            fields |= {
                "original_title": provenance["title"],
                "original_publication": provenance["publication"],
                "original_url": provenance["url"],
                "original_language": provenance["language"],
                "original_published_at": original_date(provenance, fields["published_at"]),
                "translator": self.person(lang, provenance["translator"]),
            }
        return fields

    def finish_article(self, page, story, lang, tags, body):
        """Links in the edition's own language: categories, authors, tags; then publish."""
        page.body = body  # the local article's, or the translation's as wagtail-localize made it
        keys = [story["category"]] + ([story["extra_category"]] if story.get("extra_category") else [])
        page.categories.set([self.categories[(lang, k)] for k in keys])
        page.article_authors.set(
            [
                ArticleAuthor(person=self.person(lang, key), sort_order=i)
                for i, key in enumerate(story["authors"])
            ]
        )
        page.tags.set(tags, clear=True)
        page.save()
        publish(page)

    def shared_article(self, story):
        source, translated = None, False
        for lang in EDITIONS:
            text = story["editions"][lang]
            lead = self.image(
                story["key"],
                picture_of(story),
                text["lead_caption"],
                caption=text["lead_caption"],
                credit="Nashr",
                lang=lang,
            )
            if lang == "en":
                parent = self.sections[("en", "articles")]
                if parent.get_children().filter(slug=story["key"]).exists():
                    source = parent.get_children().get(slug=story["key"]).specific
                    continue
                page = ArticlePage(slug=story["key"], **self.article_fields(story, text, lang, lead))
                page.body = self.body(story["key"], text["body"], lang)
                parent.add_child(instance=page)
            else:
                if source.get_translation_or_none(self.locales[lang]):
                    continue
                fields = self.article_fields(story, text, lang, lead)
                draft = draft_of(source, **fields, body=self.body(story["key"], text["body"], lang))
                same_block_ids(source.body, draft.body)
                page = localize(source, self.locales[lang], draft).specific
                for name, value in [*fields.items(), ("body", draft.body)]:
                    setattr(page, name, value)
            self.finish_article(page, story, lang, story["tags"][lang], page.body)
            self.created += 1
            translated = translated or lang != "en"
            source = source or page
        if translated and story.get("revised"):
            revise(source, story["revised"])

    def local_article(self, story):
        lang = story["edition"]
        parent = self.sections[(lang, "articles")]
        slug = slugify(story["title"], allow_unicode=True)[:80].strip("-") or story["key"]
        if parent.get_children().filter(slug=slug).exists():
            return
        lead = self.image(
            story["key"],
            picture_of(story),
            story["lead_caption"],
            caption=story["lead_caption"],
            credit="Nashr",
            lang=lang,
        )
        page = ArticlePage(
            slug=slug, locale=self.locales[lang], **self.article_fields(story, story, lang, lead)
        )
        parent.add_child(instance=page)
        self.finish_article(page, story, lang, story["tags"], self.body(story["key"], story["body"], lang))
        self.created += 1

    # -- media and publications ----------------------------------------------------------

    def translated_set(self, section_key, slug, model, fields_for, after=None):
        """Create one item in every edition, as translations of the English one."""
        source = None
        for lang in EDITIONS:
            fields = fields_for(lang)
            if lang == "en":
                source = self.child(self.sections[("en", section_key)], model, slug, **fields)
                page = source
            else:
                page = self.translation(source, lang, **fields)
            if after:
                after(page, lang)

    def multimedia(self):
        for gallery in self.media["galleries"]:
            images = [
                self.image(
                    f"{gallery['key']}-{i}",
                    picture_of(item),
                    item["caption"]["en"],
                    caption=item["caption"]["en"],
                    credit=item.get("credit", ""),
                )
                for i, item in enumerate(gallery["images"])
            ]
            for image, item in zip(images, gallery["images"], strict=True):
                for lang, caption in item["caption"].items():
                    self.image(
                        image.title.removeprefix("demo/"), picture_of(item), caption, caption, lang=lang
                    )

            def gallery_images(page, lang, gallery=gallery, images=images):
                wanted = [
                    (img.pk, item["caption"][lang])
                    for img, item in zip(images, gallery["images"], strict=True)
                ]
                if [(gi.image_id, gi.caption) for gi in page.gallery_images.all()] == wanted:
                    return  # already done; a new translation starts with its source's captions
                page.gallery_images.set(
                    [
                        GalleryImage(image_id=pk, caption=caption, sort_order=i)
                        for i, (pk, caption) in enumerate(wanted)
                    ]
                )
                page.save()
                publish(page)

            self.translated_set(
                "galleries",
                gallery["key"],
                GalleryPage,
                lambda lang, g=gallery, images=images: {
                    "title": g["title"][lang],
                    "summary": g["summary"][lang],
                    "published_at": published(g),
                    "lead_image": images[0],
                },
                after=gallery_images,
            )
        for video in self.media["videos"]:
            poster = self.image(video["key"], picture_of(video), video["title"]["en"], credit="Nashr")
            self.translated_set(
                "videos",
                video["key"],
                VideoPage,
                lambda lang, v=video, poster=poster: {
                    "title": v["title"][lang],
                    "summary": v["summary"][lang],
                    "published_at": published(v),
                    "lead_image": poster,
                    "transcript": v["transcript"][lang],
                    "external_url": f"https://video.example.org/watch/{v['key']}",
                    "duration": _duration(v.get("duration", "")),
                },
            )
        for post in self.media["image_posts"]:
            picture = self.image(
                post["key"], picture_of(post), post["caption"]["en"], credit=post.get("credit", "")
            )
            for lang, caption in post["caption"].items():
                self.image(post["key"], picture_of(post), caption, caption, lang=lang)
            section = "cartoons" if post["kind"] == "cartoon" else "news_pictures"
            self.translated_set(
                section,
                post["key"],
                ImagePostPage,
                lambda lang, p=picture, post=post: {
                    "title": post["title"][lang],
                    "summary": post["caption"][lang],
                    "published_at": published(post),
                    "kind": post["kind"],
                    "lead_image": p,
                    "lead_caption": post["caption"][lang],
                    "description": post["caption"][lang],
                },
            )

    def publications(self):
        for book in self.media["books"]:

            def book_fields(lang, b=book):
                pdf = self.pdf(
                    f"{b['key']}-{lang}",
                    b["title"][lang],
                    [p[lang] for p in b["description"]],
                    lang,
                    fallback_title=b["title"]["en"],
                    fallback_lines=[p["en"] for p in b["description"]],
                )
                return {
                    "title": b["title"][lang],
                    "subtitle": b["subtitle"][lang],
                    "summary": b["summary"][lang],
                    "published_at": published(b),
                    "lead_image": art.book_cover(self, b, lang),
                    "book_authors": b["authors_text"][lang],
                    "publisher": b["publisher"][lang],
                    "year": b["year"],
                    "pages": b["pages"],
                    "isbn": b["isbn"],
                    "description": "".join(f"<p>{p[lang]}</p>" for p in b["description"]),
                    "document": pdf,
                }

            self.translated_set("books", book["key"], BookPage, book_fields)
        for periodical, items in (
            ("newsletter", self.media["newsletter_issues"]),
            ("brief", self.media["brief_issues"]),
        ):
            for issue in items:
                key = f"{periodical}-{issue['number']}"
                cover = self.image(
                    key,
                    picture_of(issue, "leaf" if periodical == "brief" else "city"),
                    issue["title"]["en"],
                    credit="Nashr",
                )

                def issue_fields(lang, issue=issue, key=key, cover=cover, periodical=periodical):
                    lines = [issue["summary"][lang], *[f"• {h[lang]}" for h in issue["highlights"]]]
                    pdf = self.pdf(
                        f"{key}-{lang}",
                        issue["title"][lang],
                        lines,
                        lang,
                        fallback_title=issue["title"]["en"],
                        fallback_lines=[
                            issue["summary"]["en"],
                            *[h["en"] for h in issue["highlights"]],
                        ],
                    )
                    items_html = "".join(f"<li>{h[lang]}</li>" for h in issue["highlights"])
                    return {
                        "title": issue["title"][lang],
                        "summary": issue["summary"][lang],
                        "published_at": published(issue),
                        "lead_image": cover,
                        "periodical": periodical,
                        "number": issue["number"],
                        "body": f"<ul>{items_html}</ul>",
                        "document": pdf,
                    }

                self.translated_set(periodical, key, PeriodicalIssuePage, issue_fields)
        load_digests(self, self.digests)

    # -- readers' comments ---------------------------------------------------------------

    def comments(self):
        for item in load("comments.json"):
            section = self.sections[(item["edition"], "articles")]
            article = ArticlePage.objects.child_of(section).get(slug=item["story"])
            _, created = Comment.objects.get_or_create(
                page=article, name=item["name"], body=item["body"], defaults={"status": item["status"]}
            )
            self.created += created

    # -- navigation ----------------------------------------------------------------------

    def navigation(self):
        site = self.media["site"]
        root_url = Site.objects.get(is_default_site=True).root_url
        source = None
        for lang in EDITIONS:
            # A link with a "feed" points at that feed of the menu's own edition, e.g. /fa/rss.xml.
            social = [
                (
                    "link",
                    {"name": s["name"], "url": s.get("url") or f"{root_url}{edition_url(lang)}{s['feed']}"},
                )
                for s in self.media["social"]
            ]
            existing = Navigation.objects.filter(locale=self.locales[lang]).first()
            if existing:
                self.follow_site_address(existing, social)
                source = source or existing
                continue
            home = self.homes[lang]
            sections = {key: self.sections[(lang, key)] for key, _, _ in SECTIONS}
            about, contact = self.about[lang], self.contact[lang]
            categories = [self.categories[(lang, c["key"])] for c in self.taxonomy["categories"]]

            def item(page, children=()):
                return ("item", {**link(page), "children": list(children)})

            def link(page=None, category=None):
                return {"label": "", "page": page, "category": category, "url": ""}

            main = [
                item(home),
                item(
                    sections["articles"],
                    [link(category=c) for c in categories],
                ),
                item(
                    sections["media"],
                    [link(sections[k]) for k in ("cartoons", "news_pictures", "galleries", "videos")],
                ),
                item(
                    sections["publications"],
                    [link(sections[k]) for k in ("books", "newsletter", "brief", "digest")],
                ),
                item(about),
                item(contact),
            ]
            nav = Navigation(
                locale=self.locales[lang],
                site_name=site["name"][lang],
                tagline=site["tagline"][lang],
                main_menu=main,
                footer_links=[("link", link(about)), ("link", link(contact))],
                social_links=social,
                copyright=site["copyright"][lang],
            )
            if source:
                nav.translation_key = source.translation_key
            nav.save()
            self.created += 1
            source = source or nav

    def follow_site_address(self, nav, social):
        """The menu's links to its feeds at the site's current address, if they were written for another one.
        Links an editor changed to anything else are kept."""
        wanted = {value["name"]: value["url"] for _, value in social}
        feeds = {
            f"{edition_url(lang)}{s['feed']}"
            for lang in EDITIONS
            for s in self.media["social"]
            if "feed" in s
        }
        changed = False
        for block in nav.social_links:
            url = block.value["url"]
            target = wanted.get(block.value["name"])
            if (
                target
                and url != target
                and urlsplit(url).path in feeds
                and urlsplit(url).path == urlsplit(target).path
            ):
                block.value["url"] = target
                changed = True
        if changed:
            nav.save()


def _duration(text):
    """ISO 8601 "PT3M20S" -> timedelta; None if absent."""
    if not text.startswith("PT"):
        return None
    number, total = "", 0
    for char in text[2:]:
        if char.isdigit():
            number += char
        else:
            total += int(number or 0) * {"H": 3600, "M": 60, "S": 1}.get(char, 0)
            number = ""
    return dt.timedelta(seconds=total)
