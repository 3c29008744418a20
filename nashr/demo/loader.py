"""Loads the demo publication: four editions with articles, media, publications, About and Contact.

Idempotent: every object is looked up by a stable key before it is created, so a second run changes
nothing and an interrupted run completes on the next one. All text is in content/*.json.

The loader holds what the parts share (the editions' locales, homes, sections, categories and people, and
the building blocks: pictures, PDFs, pages and their translations); each part loads one kind of content:
site_tree.py (editions, sections, categories, people), articles.py, media.py, publications.py (with
digests.py), media_players.py, navigation.py.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.signal_handlers import disable_reference_index_auto_update

from nashr.images.models import NashrImage

from . import articles, documents, media, navigation, pictures, publications, site_tree
from .common import EDITIONS, RTL, load, publish
from .credits import credit_in
from .media_players import load_media_players
from .translations import draft_of, localize

__all__ = ["EDITIONS", "DemoLoader"]


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
            site_tree.load_editions(self)
            site_tree.load_snippets(self)
            site_tree.load_structure(self)
        for story in self.shared:
            with transaction.atomic():
                articles.shared_article(self, story)
        for story in self.local:
            with transaction.atomic():
                articles.local_article(self, story)
        with transaction.atomic():
            media.load_media(self)
            publications.load_publications(self)
            load_media_players(self, load("media_players.json"))
        with transaction.atomic():
            navigation.load_navigation(self)
            articles.load_comments(self)

    # -- building blocks -------------------------------------------------------------------

    def person(self, lang, key):
        """The person `key` (or the one an "author:1" placeholder stands for) in edition `lang`."""
        return self.people[(lang, self.placeholders.get(key, key))]

    def credit(self, credit, lang):
        """A picture's credit in edition `lang` (see credits.py): "nashr", {"photo": "lena-moravec"}..."""
        return credit_in(self.media["credits"], credit, lang)

    def image(self, key, motif, title, caption="", credit="", lang="en", drawn=None):
        """The demo picture `key`, its caption (and alt text) and credit in `lang`: the first edition to use a
        picture writes its own texts, the others add theirs to it. Drawn as `motif` (a scene or a motif, see
        demo/pictures.py) or by `drawn()` (JPEG bytes)."""
        title_key = f"demo/{key}"
        existing = NashrImage.objects.filter(title=title_key).first()
        if existing:
            if (caption or credit) and lang != existing.language and lang not in existing.texts:
                existing.set_text(lang, alt=caption[:255], caption=caption[:500], credit=credit)
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

    def image_in_editions(self, key, motif, captions=None, credit=None):
        """The demo picture `key` with its texts in every edition: `captions` ({lang: text}, also its alt
        text), `credit` (see credit())."""
        for lang in EDITIONS:
            caption = captions[lang] if captions else ""
            image = self.image(
                key, motif, caption, caption=caption, credit=self.credit(credit, lang), lang=lang
            )
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

    def translated_set(self, section_key, slug, model, fields_for, after=None):
        """One item in every edition, as translations of the English one: `fields_for(lang)` gives its fields,
        `after(page, lang)` finishes it."""
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
