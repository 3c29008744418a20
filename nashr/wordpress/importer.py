"""Imports a WordPress export into Nashr: scan, resolve editions, then attachments, then posts and pages.

1. A first pass reads the whole file without writing anything: a malformed file stops here, naming the
   line, and the site is untouched. The pass also learns the languages, translation groups, attachments
   and page parents, so the later passes never need the whole file in memory.
2. Every WordPress language must have an edition (`--map-language`, `--create-editions`).
3. The second pass imports attachments, the third posts and pages with their comments and old addresses.
   Each item is one transaction, recorded in `ImportedItem` with a checksum of its WordPress data: a
   second run updates what changed, leaves the rest, and so also resumes an interrupted run.
"""

import datetime as dt
import hashlib
import json
import re
import uuid
from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.rich_text import RichText

from nashr.articles.models import ArticleAuthor, ArticlePage, ArticleTag, Category
from nashr.comments.models import Comment
from nashr.core.models import SectionPage
from nashr.editions.urls import edition_url
from nashr.home.models import HomePage, StandardPage
from nashr.images.models import NashrImage
from nashr.people.models import Person
from nashr.publishing.signals import deferred as publishing_deferred
from nashr.publishing.signals import note_change as publishing_note_change

from . import attachments, reader
from .bulk import NewPost, NewPosts
from .convert import to_blocks, to_rich_text
from .indexes import indexes_updated_afterwards, update_indexes
from .models import ImportedItem
from .report import Report

VERSION = "1"  # part of every checksum: raise it when the mapping changes, so a re-run updates everything
BATCH = 100  # items committed together; each one is still all or nothing
KEY_NAMESPACE = uuid.UUID("5b0f7c1e-7d7a-4a61-9a55-6a3f2d0c8e11")
CONTENT_TYPES = {"post", "page", "attachment"}
INTERNAL_TYPES = {
    "revision", "nav_menu_item", "custom_css", "customize_changeset", "oembed_cache", "user_request",
    "wp_block", "wp_template", "wp_template_part", "wp_global_styles", "wp_navigation", "wp_font_family",
    "wp_font_face", "polylang_mo", "feedback", "jp_pay_order", "jp_pay_product",
}  # fmt: skip
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
COMMENT_STATUS = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
    "post-trashed": Comment.Status.REJECTED,
}


def sqlite_write_ahead_log():
    """On SQLite, commit each item without waiting for the disk (write-ahead log, synchronous=NORMAL).

    A crash of the process loses nothing committed; a power cut may lose the last few items, which the
    next run imports again. The write-ahead log stays on for the database, as SQLite recommends for sites.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")


class ImportStopped(Exception):
    """The import cannot start; the message says why and what to do. Nothing was written."""


@dataclass
class Edition:
    code: str
    locale: Locale
    home: HomePage
    articles: SectionPage | None = None


@dataclass
class Scan:
    """What the first pass learns, kept small: ids, languages, groups, parents, file names."""

    channel: reader.Channel | None = None
    authors: dict = field(default_factory=dict)  # login -> Author
    terms: dict = field(default_factory=dict)  # (taxonomy, slug) -> Term
    terms_by_id: dict = field(default_factory=dict)
    language_names: dict = field(default_factory=dict)  # Polylang language slug -> name
    item_language: dict = field(default_factory=dict)  # post id -> WordPress language code
    item_group: dict = field(default_factory=dict)  # post id -> translation group
    term_language: dict = field(default_factory=dict)
    term_group: dict = field(default_factory=dict)
    languages: Counter = field(default_factory=Counter)
    attachments: dict = field(default_factory=dict)  # post id -> {url, file, parent, link}
    attachment_by_url: dict = field(default_factory=dict)
    children_attachments: dict = field(default_factory=lambda: defaultdict(list))
    page_parent: dict = field(default_factory=dict)
    importable: set = field(default_factory=set)  # posts and pages that will become pages
    post_types: Counter = field(default_factory=Counter)


def language_of(item):
    """The WordPress language of an item: Polylang's language term, or WPML's import meta."""
    for nicename, name in item.terms_of("language"):
        return nicename or name
    code = item.meta.get("_wpml_import_language_code") or item.meta.get("_wpml_language")
    return code if isinstance(code, str) and code else None


def group_of(item):
    for nicename, name in item.terms_of("post_translations"):
        return f"pll:{nicename or name}"
    trid = item.meta.get("_wpml_import_translation_group")
    return f"wpml:{trid}" if isinstance(trid, str) and trid else None


def parse_date(value_gmt, value_local):
    for value, zone in ((value_gmt, dt.UTC), (value_local, timezone.get_current_timezone())):
        value = (value or "").strip()
        if not value or value.startswith("0000"):
            continue
        try:
            naive = dt.datetime.fromisoformat(value.replace("T", " ")[:19])
        except ValueError:
            continue
        return naive.replace(tzinfo=zone) if naive.tzinfo is None else naive
    return None


def readable_slug(name, title, fallback, length=200):
    """A slug readers can read in any script: WordPress stores non-Latin slugs percent-encoded."""
    for candidate in (unquote(name or ""), title or ""):
        slug = slugify(candidate.replace("\u200c", "-"), allow_unicode=True)[:length].strip("-")
        slug = re.sub(r"-{2,}", "-", slug)
        if slug:
            return slug
    return fallback


def checksum(*parts):
    text = json.dumps([VERSION, *parts], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_language(code):
    return (code or "").strip().lower().replace("-", "_")


class WordPressImporter:
    def __init__(
        self,
        path,
        *,
        edition=None,
        uploads=None,
        dry_run=False,
        site_url=None,
        map_language=None,
        create_editions=False,
        stdout=None,
    ):
        self.path = Path(path)
        self.edition_code = edition
        self.uploads = Path(uploads) if uploads else None
        self.dry_run = dry_run
        self.site_url = site_url
        self.map_language = {normalise_language(k): v for k, v in (map_language or {}).items()}
        self.create_editions = create_editions
        self.stdout = stdout
        self.report = Report(dry_run=dry_run)
        self.editions = {}  # edition code -> Edition
        self.wp_to_edition = {}  # WordPress language -> edition code
        self.known = {}  # (kind, wp_id, edition) -> (object_id, checksum)
        self.objects = {}  # (kind, wp_id, edition) -> model instance made in this run
        self.sibling_slugs = {}
        self.used_keys = set()
        self.deferred = []
        self.sticky = defaultdict(list)
        self.tag_redirects = set()
        self.tags = {}
        self.content_types = {}
        self.last_child_path = {}  # parent page id -> path of its last child, for new pages
        self.redirects = None  # old path -> (page id, link) of every site-wide redirect, loaded once
        self.taken_keys = {}  # (model, locale id) -> translation keys in use
        self.counted = set()  # categories and authors in the report: each once per run
        self.new_posts = NewPosts()  # new posts of the current batch, written together at its end
        self.in_bulk = False  # True while a batch may hand new posts to `new_posts`

    # -- entry point -----------------------------------------------------------------------

    def run(self):
        if not self.path.is_file():
            raise ImportStopped(f"{self.path}: no such file")
        if self.uploads and not self.uploads.is_dir():
            raise ImportStopped(f"--uploads {self.uploads}: no such folder")
        self.scan = self.first_pass()
        self.source = (
            self.site_url or self.scan.channel.base_blog_url or self.scan.channel.link or ""
        ).rstrip("/")
        if not self.source:
            raise ImportStopped("the export names no site address; give it with --site-url URL")
        self.base_path = urlparse(self.source).path.rstrip("/")
        self.resolve_editions()
        self.forget()
        sqlite_write_ahead_log()
        # Page-cache purges and static re-renders: once for the whole site at the end, not per page.
        with publishing_deferred(), indexes_updated_afterwards():
            self.authors_and_terms()
            self.in_batches(
                ("attachment", record, self.attachment)
                for record in reader.read(self.path)
                if isinstance(record, reader.Item) and record.post_type == "attachment"
            )
            self.in_batches(
                (record.post_type, record, self.item)
                for record in reader.read(self.path)
                if isinstance(record, reader.Item) and record.post_type != "attachment"
            )
            self.finish_deferred()
            self.feature_sticky()
        if not self.dry_run:
            update_indexes(self.source)
        return self.report

    def forget(self):
        """(Re)load what earlier items made from the database; after a failed item, whose transaction was
        rolled back, nothing it made in memory may be used again."""
        self.known = {
            (kind, wp_id, edition): (object_id, digest)
            for kind, wp_id, edition, object_id, digest in ImportedItem.objects.filter(
                source=self.source
            ).values_list("kind", "wp_id", "edition", "object_id", "checksum")
        }
        self.objects, self.tags, self.sibling_slugs = {}, {}, {}
        self.last_child_path, self.redirects = {}, None
        self.taken_keys, self.used_keys = {}, set()
        for edition in self.editions.values():
            edition.articles = None

    def in_batches(self, work):
        """Run (kind, item, handler) tasks, committing up to BATCH items together. Each item stays all or
        nothing (its own savepoint, see `guarded`); new posts are written together at the end of the
        batch (`write_new_posts`). An interruption (Ctrl-C) first writes and commits the items finished
        before it, so the next run resumes after them."""
        work = iter(work)
        done = False
        self.in_bulk = not self.dry_run
        try:
            while not done:
                interrupted = None
                with transaction.atomic():
                    for _ in range(BATCH):
                        task = next(work, None)
                        if task is None:
                            done = True
                            break
                        try:
                            self.guarded(*task)
                        except BaseException as error:  # only what `guarded` lets through: interruptions
                            interrupted = error
                            break
                    self.write_new_posts()
                if interrupted is not None:
                    raise interrupted
        finally:
            self.in_bulk = False

    def write_new_posts(self):
        """Write the new posts prepared since the last call, table by table (`bulk.NewPosts.write`). If
        that fails, it is rolled back and the same posts are imported again one at a time, each in its
        own savepoint, so that only a post that fails alone is reported as failed."""
        posts = self.new_posts.take()
        if not posts:
            return
        try:
            with transaction.atomic():
                NewPosts.write(posts)
        except Exception:
            self.forget()  # what the posts reserved in memory (places, slugs, keys) was not written
            in_bulk, self.in_bulk = self.in_bulk, False
            try:
                for post in posts:
                    self.guarded(post.item.post_type, post.item, self.item)
            finally:
                self.in_bulk = in_bulk
            return
        publishing_note_change()
        for post in posts:
            for kind, edition, outcome, reason in post.outcomes:
                self.report.add(kind, edition, outcome, reason)
            for record, instance in post.records:
                self.known[(record.kind, record.wp_id, record.edition)] = (instance.pk, record.checksum)
            if post.sticky:
                self.sticky[post.sticky].append(post.page)

    def guarded(self, kind, item, handler):
        try:
            with transaction.atomic():
                handler(item)
        except Exception as error:  # one item's failure must not stop the others
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            self.report.add(kind if kind in CONTENT_TYPES else "other", "", "failed")
            self.report.failures.append(f"{kind} {item.wp_id} ({item.title[:60]}): {error!r}")
            self.write_new_posts()  # the posts before it, before what they reserved in memory is forgotten
            self.forget()

    # -- pass 1: read everything, write nothing ---------------------------------------------

    def first_pass(self):
        scan = Scan()
        for record in reader.read(self.path):
            if isinstance(record, reader.Channel):
                scan.channel = record
            elif isinstance(record, reader.Author):
                scan.authors[record.login] = record
                self.report.hold("author")
            elif isinstance(record, reader.Term):
                self.scan_term(scan, record)
            else:
                self.scan_item(scan, record)
        for term in scan.terms.values():
            if term.taxonomy == "term_translations":
                for lang, term_id in reader.php_unserialize_map(term.description).items():
                    scan.term_language.setdefault(str(term_id), lang)
                    scan.term_group.setdefault(str(term_id), f"pll:{term.slug}")
            elif term.taxonomy == "post_translations":
                for lang, post_id in reader.php_unserialize_map(term.description).items():
                    scan.item_language.setdefault(str(post_id), lang)
                    scan.item_group.setdefault(str(post_id), f"pll:{term.slug}")
        for term in scan.terms_by_id.values():
            lang = term.meta.get("_wpml_import_language_code")
            if isinstance(lang, str) and lang:
                scan.term_language[term.term_id] = lang
                trid = term.meta.get("_wpml_import_translation_group")
                if isinstance(trid, str) and trid:
                    scan.term_group[term.term_id] = f"wpml:{trid}"
        for post_id in scan.importable:
            lang = scan.item_language.get(post_id)
            scan.languages[lang] += 1
        for term_id in scan.term_language:
            term = scan.terms_by_id.get(term_id)
            if term is not None and term.taxonomy in ("category", "post_tag"):
                scan.languages[scan.term_language[term_id]] += 0
        return scan

    def scan_term(self, scan, term):
        scan.terms[(term.taxonomy, term.slug)] = term
        if term.term_id:
            scan.terms_by_id[term.term_id] = term
        if term.taxonomy == "language":
            scan.language_names[term.slug] = term.name
        if term.taxonomy in ("category", "post_tag"):
            self.report.hold("category" if term.taxonomy == "category" else "tag")

    def scan_item(self, scan, item):
        scan.post_types[item.post_type] += 1
        kind = item.post_type if item.post_type in CONTENT_TYPES else "other"
        self.report.hold(kind)
        self.report.hold("comment", len(item.comments))
        lang, group = language_of(item), group_of(item)
        if lang:
            scan.item_language[item.wp_id] = lang
        if group:
            scan.item_group[item.wp_id] = group
        if item.post_type == "attachment":
            url = item.attachment_url or item.guid
            scan.attachments[item.wp_id] = {
                "url": url,
                "file": item.meta.get("_wp_attached_file", ""),
                "parent": item.parent,
                "link": item.link,
            }
            if url:
                scan.attachment_by_url[_url_key(url)] = item.wp_id
            if item.parent != "0":
                scan.children_attachments[item.parent].append(item.wp_id)
        elif item.post_type in ("post", "page") and self.status_plan(item)[0] != "skip":
            scan.importable.add(item.wp_id)
            if item.post_type == "page" and item.parent != "0":
                scan.page_parent[item.wp_id] = item.parent

    # -- editions ----------------------------------------------------------------------------

    def resolve_editions(self):
        codes = [code for code, _ in settings.LANGUAGES]
        homes = {
            home.locale.language_code: home
            for home in HomePage.objects.filter(depth=2).select_related("locale").order_by("path")
        }
        if self.edition_code and self.edition_code not in codes:
            raise ImportStopped(
                f"--edition {self.edition_code}: no such edition (editions: {', '.join(codes)})"
            )
        for wp, code in self.map_language.items():
            if code not in codes:
                raise ImportStopped(
                    f"--map-language {wp}={code}: no edition {code!r} (editions: {', '.join(codes)})"
                )
        default = self.edition_code or self.default_edition(homes, codes)
        unknown = {}
        needed = {default}
        for wp_lang, count in self.scan.languages.items():
            if wp_lang is None:
                continue
            code = self.edition_for(wp_lang, codes)
            if code is None:
                unknown[wp_lang] = count
            else:
                self.wp_to_edition[wp_lang] = code
                needed.add(code)
        if unknown:
            listed = ", ".join(
                f"{lang!r} ({self.scan.language_names.get(lang, lang)}, {count} items)"
                for lang, count in sorted(unknown.items())
            )
            example = sorted(unknown)[0]
            raise ImportStopped(
                f"WordPress language {listed} has no edition on this site. Map it to an edition with "
                f"--map-language {example}=EDITION (editions: {', '.join(codes)}), or add its language to "
                f"LANGUAGES in the settings (docs/how-to/add-an-edition.md) and run again with "
                f"--create-editions. Nothing was imported."
            )
        missing = sorted(code for code in needed if code not in homes)
        if missing and not self.create_editions:
            raise ImportStopped(
                f"edition {', '.join(missing)} has no home page yet. Run again with --create-editions to "
                f"create it, or --map-language to send its pieces to another edition. Nothing was imported."
            )
        self.wp_to_edition[None] = default
        for code in sorted(needed, key=codes.index):
            home = homes.get(code)
            if home is None and not self.dry_run:
                home = self.create_edition(code, homes)
                homes[code] = home
                self.report.notes.append(f"created the {code} edition: locale and home page")
            elif home is None:
                self.report.notes.append(f"would create the {code} edition: locale and home page")
            self.editions[code] = Edition(code, home.locale if home else None, home)

    def default_edition(self, homes, codes):
        site = Site.objects.filter(is_default_site=True).select_related("root_page__locale").first()
        if site is not None and site.root_page.locale.language_code in codes:
            return site.root_page.locale.language_code
        return next((code for code in codes if code in homes), codes[0])

    def edition_for(self, wp_lang, codes):
        normal = normalise_language(wp_lang)
        if normal in self.map_language:
            return self.map_language[normal]
        for candidate in (normal, normal.split("_")[0]):
            if candidate in codes:
                return candidate
        return None

    @transaction.atomic
    def create_edition(self, code, homes):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        source = next(iter(homes.values()), None)
        if source is None:
            home = HomePage(title=settings.WAGTAIL_SITE_NAME, slug=f"home-{code}", locale=locale)
            Page.get_first_root_node().add_child(instance=home)
        else:
            home = source.copy_for_translation(locale).specific
        home.save_revision().publish()
        return home

    def articles_section(self, edition):
        if edition.articles is not None:
            return edition.articles
        sections = SectionPage.objects.child_of(edition.home)
        section = sections.filter(slug="articles").first() or sections.first()
        if section is None:
            source = SectionPage.objects.filter(depth=3, slug="articles").first()
            if source is not None and source.get_parent().specific.locale_id != edition.locale.pk:
                section = source.copy_for_translation(edition.locale, copy_parents=False).specific
            else:
                section = SectionPage(title="Articles", slug="articles", locale=edition.locale)
                edition.home.add_child(instance=section)
            section.save_revision().publish()
        edition.articles = section.specific
        return edition.articles

    def item_edition(self, item):
        lang = self.scan.item_language.get(item.wp_id)
        return self.editions[self.wp_to_edition.get(lang, self.wp_to_edition[None])]

    # -- helpers for records -----------------------------------------------------------------

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        return self.content_types[model]

    def existing(self, kind, wp_id, edition, model):
        """(instance or None, stored checksum) for a WordPress object imported earlier."""
        key = (kind, wp_id, edition)
        if key in self.objects:
            return self.objects[key], self.known.get(key, (None, None))[1]
        object_id, digest = self.known.get(key, (None, None))
        if object_id is None:
            return None, None
        instance = model.objects.filter(pk=object_id).first()
        return instance, digest if instance is not None else None

    def remember(self, kind, wp_id, edition, instance, digest, data=None, post=None):
        """Record what a WordPress object became (`ImportedItem`); with `post`, a new post's record is
        written with it, once it has an id."""
        key = (kind, wp_id, edition)
        values = {
            "content_type": self.content_type(type(instance)),
            "object_id": instance.pk,
            "checksum": digest,
            "data": data or {},
            "indexed": False,
        }
        if post is not None:
            record = ImportedItem(source=self.source, kind=kind, wp_id=wp_id, edition=edition, **values)
            post.records.append((record, instance))
            return
        if key in self.known:
            ImportedItem.objects.update_or_create(
                source=self.source, kind=kind, wp_id=wp_id, edition=edition, defaults=values
            )
        else:
            ImportedItem.objects.create(source=self.source, kind=kind, wp_id=wp_id, edition=edition, **values)
        self.known[key] = (instance.pk, digest)
        if kind in ("category", "author", "page"):  # looked up again and again; posts and comments are not
            self.objects[key] = instance

    def translation_key(self, group, model, locale):
        key = uuid.uuid5(KEY_NAMESPACE, f"{self.source}|{model.__name__}|{group}")
        taken = self.taken_keys.get((model, locale.pk))
        if taken is None:  # one query per model and edition, not one per item
            taken = set(model.objects.filter(locale=locale).values_list("translation_key", flat=True))
            self.taken_keys[(model, locale.pk)] = taken
        if (key, locale.pk) in self.used_keys or key in taken:
            key = uuid.uuid4()
        self.used_keys.add((key, locale.pk))
        taken.add(key)
        return key

    def unique_slug(self, parent, slug, own=None):
        slugs = self.sibling_slugs.get(parent.pk)
        if slugs is None:
            slugs = set(parent.get_children().values_list("slug", flat=True))
            self.sibling_slugs[parent.pk] = slugs
        if own == slug:
            return slug
        candidate, n = slug, 2
        while candidate in slugs:
            candidate = f"{slug[:190]}-{n}"
            n += 1
        slugs.add(candidate)
        return candidate

    def redirect(self, old_paths, *, page=None, link=None, post=None):
        """Redirect `old_paths` to `page` or `link`, unless they already lead elsewhere; with `post`, the
        rows and their report entries wait for the new post to be written."""
        report = post.outcomes.append if post is not None else lambda entry: self.report.add(*entry)
        paths = {Redirect.normalise_path(path) for path in old_paths if path}
        paths.discard("/")
        if not paths or self.dry_run:
            report(("redirect", "", "created" if self.dry_run else "skipped", None))
            return
        if self.redirects is None:  # every site-wide redirect, read once (again after a failed item)
            self.redirects = {
                old_path: (page_id, target)
                for old_path, page_id, target in Redirect.objects.filter(site=None).values_list(
                    "old_path", "redirect_page_id", "redirect_link"
                )
            }
        new = []
        for path in sorted(paths):
            current = self.redirects.get(path)
            if current is None:
                new.append(Redirect(old_path=path, site=None, redirect_page=page, redirect_link=link or ""))
                self.redirects[path] = (page.pk if page is not None else None, link or "")
                report(("redirect", "", "created", None))
            elif (page is not None and current[0] == page.pk) or (link and current[1] == link):
                report(("redirect", "", "unchanged", None))
            else:
                report(("redirect", "", "skipped", "the old address already leads elsewhere"))
        if post is not None:
            post.redirects += new
        else:
            Redirect.objects.bulk_create(new)

    # -- authors, categories, tags ------------------------------------------------------------

    def authors_and_terms(self):
        categories = [t for t in self.scan.terms.values() if t.taxonomy == "category"]
        for term in categories:
            lang = self.scan.term_language.get(term.term_id)
            code = self.wp_to_edition.get(lang, self.wp_to_edition[None])
            with transaction.atomic():
                self.category(term, self.editions[code])
        tags = [t for t in self.scan.terms.values() if t.taxonomy == "post_tag"]
        for term in tags:
            if self.dry_run:
                exists = Tag.objects.filter(name=term.name).exists()
                self.report.add("tag", "", "unchanged" if exists else "created")
                continue
            _, created = Tag.objects.get_or_create(name=term.name[:100])
            self.report.add("tag", "", "created" if created else "unchanged")

    def category(self, term, edition):
        """The Nashr category for a WordPress category in an edition, created or updated once per run."""
        key = ("category", term.term_id or term.slug, edition.code)
        if key in self.objects:
            return self.objects[key]
        instance, digest = self.existing(*key, Category)
        parent_term = self.scan.terms.get(("category", term.parent)) if term.parent else None
        new_digest = checksum(asdict(term))
        if instance is not None and digest == new_digest:
            self.objects[key] = instance
            self.count_once(key, "unchanged")
            return instance
        if self.dry_run:
            self.report.add("category", edition.code, "updated" if instance else "created")
            self.objects[key] = instance
            return instance
        parent = self.category(parent_term, edition) if parent_term is not None else None
        name = term.name or unquote(term.slug)
        if instance is None:
            group = self.scan.term_group.get(term.term_id) or f"term:{term.term_id or term.slug}"
            slug = readable_slug(term.slug, name, f"category-{term.term_id}", 100)
            taken = set(Category.objects.filter(locale=edition.locale).values_list("slug", flat=True))
            base, n = slug, 2
            while slug in taken:
                slug, n = f"{base[:90]}-{n}", n + 1
            instance = Category(
                locale=edition.locale,
                slug=slug,
                translation_key=self.translation_key(group, Category, edition.locale),
            )
            outcome = "created"
        else:
            outcome = "updated"
        instance.name = name[:100]
        instance.description = term.description
        instance.parent = parent
        instance.save()
        self.remember(*key, instance, new_digest, {"slug": term.slug, "meta": term.meta})
        self.count_once(key, outcome)
        chain, walker = [], term
        while walker is not None and len(chain) < 20:
            chain.insert(0, walker.slug)
            walker = self.scan.terms.get(("category", walker.parent)) if walker.parent else None
        wp_lang = next(
            (lang for lang, code in self.wp_to_edition.items() if code == edition.code and lang), None
        )
        paths = [f"{self.base_path}/category/{'/'.join(chain)}/", f"{self.base_path}/category/{term.slug}/"]
        if term.term_id:
            paths.append(f"{self.base_path}/?cat={term.term_id}")
        if wp_lang and self.scan.term_language.get(term.term_id):
            paths += [f"{self.base_path}/{wp_lang}/category/{'/'.join(chain)}/"]
        self.redirect(paths, link=instance.get_absolute_url())
        return instance

    def count_once(self, key, outcome):
        """Report a category or an author once per run, though it is looked up again after `forget`."""
        if key not in self.counted:
            self.counted.add(key)
            self.report.add(key[0], key[2], outcome)

    def person(self, login, edition, display_name=None):
        key = ("author", login, edition.code)
        if key in self.objects:
            return self.objects[key]
        author = self.scan.authors.get(login) or reader.Author(
            login=login, display_name=display_name or login
        )
        instance, digest = self.existing(*key, Person)
        new_digest = checksum(asdict(author))
        if instance is not None and digest == new_digest:
            self.objects[key] = instance
            self.count_once(key, "unchanged")
            return instance
        if instance is None:
            slug = readable_slug(login, author.name, "author", 200)
            taken = set(Person.objects.filter(locale=edition.locale).values_list("slug", flat=True))
            base, n = slug, 2
            while slug in taken:
                slug, n = f"{base[:190]}-{n}", n + 1
            instance = Person(
                locale=edition.locale,
                slug=slug,
                translation_key=self.translation_key(f"author:{login}", Person, edition.locale),
            )
            outcome = "created"
        else:
            outcome = "updated"
        instance.name = author.name[:255]
        instance.save()
        # E-mail addresses stay in WordPress: Nashr shows no contact details of its writers.
        self.remember(*key, instance, new_digest, {"login": login, "wp_id": author.wp_id})
        self.count_once(key, outcome)
        return instance

    # -- attachments -----------------------------------------------------------------------------

    def attachment(self, item):
        edition = self.item_edition(item)
        if self.uploads is None:
            self.report.add("attachment", edition.code, "skipped", "no --uploads folder given")
            return
        located = attachments.locate(item, self.uploads)
        if located.path is None:
            self.report.add("attachment", edition.code, "skipped", located.reason)
            if located.note:
                self.report.notes.append(
                    f"attachment {item.wp_id} ({item.title[:60]}) skipped: {located.note}"
                )
            return
        path, is_image = located.path, located.is_image
        model = NashrImage if is_image else get_document_model()
        instance, digest = self.existing("attachment", item.wp_id, "", model)
        stat = path.stat()
        new_digest = checksum(asdict(item), stat.st_size)
        if instance is not None and digest == new_digest:
            self.report.add("attachment", edition.code, "unchanged")
            return
        if self.dry_run:
            self.report.add("attachment", edition.code, "updated" if instance else "created")
            return
        alt = item.meta.get("_wp_attachment_image_alt", "")
        alt = alt if isinstance(alt, str) else ""
        metadata = item.meta.get("_wp_attachment_metadata", "")
        credit = re.search(r's:6:"credit";s:\d+:"([^"]*)"', metadata) if isinstance(metadata, str) else None
        title = item.title or path.name
        with transaction.atomic():
            outcome = "updated" if instance else "created"
            if instance is None:
                with path.open("rb") as handle:
                    if is_image:
                        instance = NashrImage(title=title[:255], file=ImageFile(handle, name=path.name))
                        self.fill_image(instance, item, alt, credit, edition.code)
                        instance.save()
                    else:
                        instance = model(title=title[:255], file_size=stat.st_size)
                        instance.file.save(path.name, File(handle), save=False)
                        instance.save()
            else:
                instance.title = title[:255]
                if is_image:
                    self.fill_image(instance, item, alt, credit, edition.code)
                instance.save()
            data = {
                "title": item.title,
                "caption": item.excerpt,
                "description": item.content,
                "alt": alt,
                "url": item.attachment_url,
                "custom_fields": item.meta,
            }
            self.remember("attachment", item.wp_id, "", instance, new_digest, data)
            target = instance.file.url if is_image else instance.url
            self.redirect(self.old_paths(item, "attachment"), link=target)
        self.report.add("attachment", edition.code, outcome)

    @staticmethod
    def fill_image(image, item, alt, credit, language):
        """The attachment's texts are the image's own, in the language of the post it came with."""
        image.language = language
        image.description = (alt or item.title)[:255]
        image.default_caption = strip_tags(item.excerpt).strip()[:500]
        if credit and credit.group(1):
            image.credit = credit.group(1)[:255]

    def find_image(self, wp_id, src):
        if not wp_id and src:
            wp_id = self.scan.attachment_by_url.get(_url_key(src))
        if not wp_id:
            return None
        image, _ = self.existing("attachment", wp_id, "", NashrImage)
        return image if isinstance(image, NashrImage) else None

    # -- posts and pages -------------------------------------------------------------------------

    @staticmethod
    def status_plan(item):
        """(plan, reason): plan is live, protected, scheduled, draft or skip."""
        status = item.status or "draft"
        if status == "trash":
            return "skip", "in WordPress's trash"
        if status == "auto-draft":
            return "skip", "an auto-draft, never written"
        if status == "inherit":
            return "skip", "a revision"
        if status == "publish":
            return (
                ("protected", "password-protected: published behind the same password")
                if item.password
                else (
                    "live",
                    None,
                )
            )
        if status == "future":
            return "scheduled", "scheduled: will be published at its date"
        if status == "private":
            return "draft", "private: kept as a draft"
        if status == "pending":
            return "draft", "pending review: kept as a draft"
        if status == "draft":
            return "draft", "a draft: kept as a draft"
        return "draft", f"status {status!r}: kept as a draft"

    def item(self, item):
        if item.post_type not in CONTENT_TYPES:
            reason = (
                f"WordPress internals ({item.post_type})"
                if item.post_type in INTERNAL_TYPES
                else f"unknown post type {item.post_type!r}"
            )
            self.report.add("other", "", "skipped", reason)
            return
        edition = self.item_edition(item)
        plan, reason = self.status_plan(item)
        if plan == "skip":
            self.report.add(item.post_type, edition.code, "skipped", reason)
            for _ in item.comments:
                self.report.add("comment", edition.code, "skipped", "its post was not imported")
            return
        if item.post_type == "page":
            parent_id = self.scan.page_parent.get(item.wp_id)
            if parent_id and parent_id in self.scan.importable and ("page", parent_id, "") not in self.known:
                self.deferred.append(item)
                return
        self.import_page(item, edition, plan, reason)

    def finish_deferred(self):
        while self.deferred:
            waiting, self.deferred = self.deferred, []
            progress = False
            for item in waiting:
                parent_id = self.scan.page_parent.get(item.wp_id)
                if ("page", parent_id, "") in self.known or self.dry_run:
                    progress = True
                    self.guarded(
                        "page",
                        item,
                        lambda i: self.import_page(i, self.item_edition(i), *self.status_plan(i)),
                    )
                else:
                    self.deferred.append(item)
            if not progress:
                for item in self.deferred:
                    self.report.notes.append(
                        f"page {item.wp_id}: its parent could not be imported; placed at the top"
                    )
                    self.scan.page_parent.pop(item.wp_id, None)
                    self.guarded(
                        "page",
                        item,
                        lambda i: self.import_page(i, self.item_edition(i), *self.status_plan(i)),
                    )
                self.deferred = []

    def import_page(self, item, edition, plan, reason):
        kind = item.post_type
        model = ArticlePage if kind == "post" else StandardPage
        new_digest = checksum(asdict(item), edition.code, self.scan.item_group.get(item.wp_id))
        object_id, digest = self.known.get((kind, item.wp_id, ""), (None, None))
        page = None
        if object_id is not None and (
            digest != new_digest or not model.objects.filter(pk=object_id).exists()
        ):
            page, digest = self.existing(kind, item.wp_id, "", model)
        if digest == new_digest:
            self.report.add(kind, edition.code, "unchanged")
            for _ in item.comments:
                self.report.add("comment", edition.code, "unchanged")
            return
        outcome = "updated" if page is not None else "created"
        if self.dry_run:
            self.report.add(kind, edition.code, outcome, reason)
            for _ in item.comments:
                self.report.add("comment", edition.code, outcome if kind == "post" else "skipped")
            return
        # A post seen for the first time, live or draft (no revision, no restriction), is written with the
        # other new posts of its batch (`write_new_posts`); anything else is saved here and now.
        new = (
            self.in_bulk
            and page is None
            and kind == "post"
            and plan in ("live", "draft")
            and (kind, item.wp_id, "") not in self.known
            and not any(("comment", c.wp_id, "") in self.known for c in item.comments)
        )
        post = NewPost(item) if new else None
        with transaction.atomic() if post is None else nullcontext():
            page = self.save_page(item, edition, plan, page, model, post)
            self.comments(item, page, edition, post)
            self.remember(kind, item.wp_id, "", page, new_digest, self.item_data(item), post)
            if plan in ("live", "protected", "scheduled"):
                self.redirect(self.old_paths(item, kind), page=page, post=post)
                for attachment_id in self.scan.children_attachments.get(item.wp_id, []):
                    if ("attachment", attachment_id, "") not in self.known:
                        info = self.scan.attachments[attachment_id]
                        self.redirect(
                            [_path(info["link"]), f"{self.base_path}/?attachment_id={attachment_id}"],
                            page=page,
                            post=post,
                        )
        if post is not None:
            post.sticky = edition.code if item.sticky and plan == "live" else ""
            post.outcomes.append((kind, edition.code, outcome, reason))
            self.new_posts.add(post)  # last: an item that failed before this point is not written
            return
        if item.sticky and plan == "live":
            self.sticky[edition.code].append(page)
        self.report.add(kind, edition.code, outcome, reason)

    def item_data(self, item):
        return {
            "title": item.title,
            "slug": item.name,
            "link": item.link,
            "guid": item.guid,
            "status": item.status,
            "author": item.creator,
            "sticky": item.sticky,
            "comment_status": item.comment_status,
            "menu_order": item.menu_order,
            "custom_fields": item.meta,
        }

    def save_page(self, item, edition, plan, page, model, post=None):
        """Save the page for `item` (new if `page` is None); with `post`, a new post is only made ready
        for `NewPosts.write`: placed in the tree, its fields and relations set, nothing saved."""
        date = parse_date(item.date_gmt, item.date) or timezone.now()
        images = []

        def find_image(wp_id, src):
            image = self.find_image(wp_id, src)
            if image is not None:
                images.append(image)
            return image

        blocks = to_blocks(item.content, find_image)
        title = (
            item.title.strip() or strip_tags(item.excerpt or item.content).strip()[:80] or f"#{item.wp_id}"
        )
        if item.post_type == "post":
            parent = self.articles_section(edition)
        else:
            parent_id = self.scan.page_parent.get(item.wp_id)
            parent = self.objects.get(("page", parent_id, "")) if parent_id else None
            if parent is None and parent_id and ("page", parent_id, "") in self.known:
                parent = StandardPage.objects.get(pk=self.known[("page", parent_id, "")][0])
            parent = parent or edition.home
        new = page is None
        if new:
            group = self.scan.item_group.get(item.wp_id) or f"post:{item.wp_id}"
            page = model(
                locale=edition.locale, translation_key=self.translation_key(group, Page, edition.locale)
            )
        slug = readable_slug(item.name, item.title, f"{item.post_type}-{item.wp_id}")
        page.slug = self.unique_slug(parent, slug) if new else page.slug
        page.title = title[:255]
        page.summary = strip_tags(item.excerpt).strip()
        if model is ArticlePage:
            page.published_at = date
            page.body = [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]
            thumbnail = item.meta.get("_thumbnail_id")
            page.lead_image = self.find_image(thumbnail, "") if isinstance(thumbnail, str) else None
            categories = self.item_categories(item, edition)
            tags = list({self.tag(name): None for _, name in item.terms_of("post_tag") if name.strip()})
            people = self.item_authors(item, edition)
            if not new:
                page.categories = categories
                page.tags.set(tags)
                page.article_authors = [ArticleAuthor(person=p, sort_order=i) for i, p in enumerate(people)]
        else:
            page.body = to_rich_text(blocks)
        page.go_live_at = date if plan == "scheduled" else None
        live = plan in ("live", "protected")
        if new:
            page.live = live
            page.has_unpublished_changes = not live
            if live:
                page.first_published_at = page.last_published_at = date
        if post is not None:
            self.place(parent, page)
            page.set_url_path(parent)
            page.edition_id = page.locale_id  # as `PostPage.save()` does
            # Child relations in memory, as a form sets them: written from there, and indexed as they are.
            page.article_authors = [ArticleAuthor(person=p, sort_order=i) for i, p in enumerate(people)]
            page.tagged_items = [ArticleTag(tag=tag) for tag in tags]
            for relation in get_all_child_relations(ArticlePage):
                if relation.get_accessor_name() not in page._cluster_related_objects:
                    setattr(page, relation.get_accessor_name(), [])  # none yet, without asking the database
            post.page, post.parent, post.categories = page, parent, categories
        elif new:
            self.add_child(parent, page)
            if model is ArticlePage:  # a new page has no rows to compare with: written in one go each
                ArticleAuthor.objects.bulk_create(
                    [ArticleAuthor(page=page, person=p, sort_order=i) for i, p in enumerate(people)]
                )
                ArticlePage.categories.through.objects.bulk_create(
                    [ArticlePage.categories.through(articlepage=page, category=c) for c in categories]
                )
                ArticleTag.objects.bulk_create([ArticleTag(content_object=page, tag=tag) for tag in tags])
        else:
            page.save()
        self.sync_restriction(page, item.password if plan == "protected" else "", new)
        if plan == "scheduled" or not new:
            revision = page.save_revision(log_action=False)
            if live or plan == "scheduled":
                revision.publish(log_action=False)
            elif page.live:
                page.unpublish(log_action=False)
        self.tag_archives(item, edition)
        return page

    def add_child(self, parent, page):
        """Treebeard's `add_child` and Wagtail's page save, less what an import does not need per page:
        the parent's last child is looked up once per run (then counted on, see `place`), the fields are
        not validated again (the importer sets title and a unique slug itself) and no audit-log entry is
        written for each page (`ImportedItem` records where each page came from). Should an editor add a
        page to the same parent meanwhile, the place is looked up again."""
        for attempt in (1, 2):
            self.place(parent, page, again=attempt == 2)
            try:
                page.save(clean=False, log_action=None)
                break
            except IntegrityError:  # the path was taken since it was looked up
                if attempt == 2 or page.pk is not None:
                    raise
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1

    def place(self, parent, page, again=False):
        """Give a new page its place as the last child of `parent`: depth and tree path, counted on from
        the last child looked up once per parent and run (`again`: looked up anew)."""
        page.depth = parent.depth + 1
        page.numchild = 0
        page._cached_parent_obj = parent
        page._is_site_root = False  # an imported page is never the root of a site
        page._set_core_field_defaults()
        last = self.last_child_path.get(parent.pk)
        if last is None or again:
            children = Page.objects.filter(path__startswith=parent.path, depth=page.depth)
            last = children.order_by("-path").values_list("path", flat=True).first() or ""
        step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        page.path = Page._get_path(parent.path, page.depth, step)
        if len(page.path) != len(parent.path) + Page.steplen:
            raise ValueError(f"no room for another page under {parent.url_path}")
        self.last_child_path[parent.pk] = page.path

    @staticmethod
    def sync_restriction(page, password, new=False):
        if new and not password:
            return
        restrictions = PageViewRestriction.objects.filter(
            page=page, restriction_type=PageViewRestriction.PASSWORD
        )
        if password:
            restriction = restrictions.first() or PageViewRestriction(
                page=page, restriction_type=PageViewRestriction.PASSWORD
            )
            restriction.password = password
            restriction.save(user=None)
        elif restrictions.exists():
            restrictions.delete()

    def item_categories(self, item, edition):
        found = []
        for nicename, name in item.terms_of("category"):
            term = self.scan.terms.get(("category", nicename)) or reader.Term("category", "", nicename, name)
            category = self.category(term, edition)
            if category is not None and category not in found:
                found.append(category)
        return found

    def item_authors(self, item, edition):
        logins = [item.creator] if item.creator else []
        for nicename, name in item.terms_of("author"):  # Co-Authors Plus and PublishPress Authors
            login = nicename.removeprefix("cap-")
            known = next((a for a in self.scan.authors if a == login or slugify(a) == login), None)
            logins.append(known or name or login)
        people = []
        for login in dict.fromkeys(logins):
            person = self.person(login, edition)
            if person not in people:
                people.append(person)
        return people

    def tag_archives(self, item, edition):
        for nicename, name in item.terms_of("post_tag"):
            if (nicename, edition.code) in self.tag_redirects or not nicename:
                continue
            self.tag_redirects.add((nicename, edition.code))
            tag = self.tag(name) if name.strip() else None
            if tag is not None:
                link = edition_url(edition.code, f"tag/{tag.slug}/")
                self.redirect(
                    [f"{self.base_path}/tag/{nicename}/", f"{self.base_path}/?tag={nicename}"], link=link
                )

    def tag(self, name):
        """The tag named `name` (any case), created once and then taken from memory."""
        key = name[:100].lower()
        if key not in self.tags:
            tag = Tag.objects.filter(name__iexact=name[:100]).first()
            self.tags[key] = tag or Tag.objects.create(name=name[:100])
        return self.tags[key]

    def comments(self, item, page, edition, post=None):
        """The item's comments, threaded; with `post`, made ready to be written with the new post."""
        if not item.comments:
            return
        if not isinstance(page, ArticlePage):
            for _ in item.comments:
                self.report.add(
                    "comment",
                    edition.code,
                    "skipped",
                    "on a WordPress page: Nashr has comments on posts only",
                )
            return
        made = {}
        for record in item.comments:
            instance, digest = self.existing("comment", record.wp_id, "", Comment)
            new_digest = checksum(asdict(record))
            if instance is not None and digest == new_digest:
                made[record.wp_id] = instance
                self.report.add("comment", edition.code, "unchanged")
                continue
            outcome = "updated" if instance else "created"
            instance = instance or Comment(page=page)
            instance.name = (record.author or "—")[:100]
            instance.email = record.email[:254]
            instance.body = record.content
            instance.status = COMMENT_STATUS.get(record.approved, Comment.Status.PENDING)
            written = parse_date(record.date_gmt, record.date)
            # The commenter's network address is not kept: Nashr does not profile readers.
            data = {"url": record.url, "type": record.type, "approved": record.approved, "meta": record.meta}
            if post is not None:
                parent_id = record.parent if record.parent != "0" else None
                post.comments.append((instance, record.wp_id, parent_id, written))
                post.outcomes.append(("comment", edition.code, outcome, None))
                self.remember("comment", record.wp_id, "", instance, new_digest, data, post)
                continue
            instance.save()
            if written:
                Comment.objects.filter(pk=instance.pk).update(created_at=written)
            self.remember("comment", record.wp_id, "", instance, new_digest, data)
            made[record.wp_id] = instance
            self.report.add("comment", edition.code, outcome)
        if post is not None:
            return
        for record in item.comments:
            parent = made.get(record.parent) if record.parent != "0" else None
            instance = made[record.wp_id]
            if instance.parent_id != (parent.pk if parent else None):
                instance.parent = parent
                instance.save(update_fields=["parent"])

    def old_paths(self, item, kind):
        base = self.base_path
        paths = [_path(item.link)]
        if "?" in item.guid:
            paths.append(_path(item.guid))
        if kind == "attachment":
            return [*paths, f"{base}/?attachment_id={item.wp_id}"]
        paths += [f"{base}/?p={item.wp_id}"]
        if kind == "page":
            return [*paths, f"{base}/?page_id={item.wp_id}"]
        local = parse_date("", item.date) or parse_date(item.date_gmt, "")
        if item.name:
            paths.append(f"{base}/{item.name}/")
            if local:
                paths += [
                    f"{base}/{local:%Y/%m/%d}/{item.name}/",
                    f"{base}/{local:%Y/%m}/{item.name}/",
                    f"{base}/{local:%Y}/{item.name}/",
                ]
        paths += [f"{base}/archives/{item.wp_id}/", f"{base}/{item.wp_id}/"]
        return paths

    # -- after the items --------------------------------------------------------------------------

    def feature_sticky(self):
        if self.dry_run:
            return
        for code, pages in self.sticky.items():
            home = self.editions[code].home
            home.refresh_from_db()
            if home.featured_id is None and pages:
                newest = max(pages, key=lambda p: p.published_at)
                home.featured = newest
                home.save_revision(log_action=False).publish(log_action=False)
                self.report.notes.append(f"{code}: the newest sticky post, {newest.title!r}, is now featured")


def _url_key(url):
    """An attachment URL without scheme, host and WordPress's size suffix: the file it shows."""
    try:
        path = unquote(urlparse(url).path)
    except ValueError:  # "http://[host": not an address, so nothing links to it by one
        return url
    return SIZE_SUFFIX.sub("", path)


def _path(url):
    """The path and query of an old address, or "" for none or a malformed one (no redirect from it)."""
    try:
        parsed = urlparse(url or "")
    except ValueError:
        return ""
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")
