"""Stage 2, plan editions: every WordPress language must have an edition before anything is written.

Languages map to editions by `--map-language`, then by code (`de_DE` -> `de`); one without an edition
stops the import, naming the options that fix it (`ImportStopped`). `--create-editions` creates the
locale and home page of an edition in LANGUAGES that has none yet.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from nashr.core.models import SectionPage
from nashr.home.models import HomePage


class ImportStopped(Exception):
    """The import cannot start; the message says why and what to do. Nothing was written."""


@dataclass
class Edition:
    code: str
    locale: Locale
    home: HomePage
    articles: SectionPage | None = None


def normalise_language(code):
    return (code or "").strip().lower().replace("-", "_")


class Editions:
    """The editions an import writes to, and which WordPress language goes to which."""

    def __init__(self, scan, report, *, default=None, map_language=None, create=False, dry_run=False):
        self.scan, self.report = scan, report
        self.default_code, self.create, self.dry_run = default, create, dry_run
        self.map_language = {normalise_language(k): v for k, v in (map_language or {}).items()}
        self.by_code = {}  # edition code -> Edition
        self.wp_to_edition = {}  # WordPress language -> edition code

    def __getitem__(self, code):
        return self.by_code[code]

    def values(self):
        return self.by_code.values()

    def of_language(self, lang):
        return self.by_code[self.wp_to_edition.get(lang, self.wp_to_edition[None])]

    def of_item(self, item):
        return self.of_language(self.scan.item_language.get(item.wp_id))

    def of_term(self, term):
        return self.of_language(self.scan.term_language.get(term.term_id))

    def wp_language(self, code):
        """A WordPress language imported into the edition `code`, if any."""
        return next((lang for lang, c in self.wp_to_edition.items() if c == code and lang), None)

    def forget(self):
        for edition in self.by_code.values():
            edition.articles = None

    # -- resolving ------------------------------------------------------------------------------

    def resolve(self):
        """Map every language of the file to an edition; stop (`ImportStopped`) when one cannot be."""
        codes = [code for code, _ in settings.LANGUAGES]
        homes = {
            home.locale.language_code: home
            for home in HomePage.objects.filter(depth=2).select_related("locale").order_by("path")
        }
        self.check_options(codes)
        default = self.default_code or default_edition(homes, codes)
        needed = {default} | self.map_languages(codes)
        missing = sorted(code for code in needed if code not in homes)
        if missing and not self.create:
            raise ImportStopped(
                f"edition {', '.join(missing)} has no home page yet. Run again with --create-editions to "
                f"create it, or --map-language to send its pieces to another edition. Nothing was imported."
            )
        self.wp_to_edition[None] = default
        for code in sorted(needed, key=codes.index):
            home = homes.get(code)
            if home is None and not self.dry_run:
                home = create_edition(code, homes)
                homes[code] = home
                self.report.notes.append(f"created the {code} edition: locale and home page")
            elif home is None:
                self.report.notes.append(f"would create the {code} edition: locale and home page")
            self.by_code[code] = Edition(code, home.locale if home else None, home)

    def check_options(self, codes):
        if self.default_code and self.default_code not in codes:
            raise ImportStopped(
                f"--edition {self.default_code}: no such edition (editions: {', '.join(codes)})"
            )
        for wp, code in self.map_language.items():
            if code not in codes:
                raise ImportStopped(
                    f"--map-language {wp}={code}: no edition {code!r} (editions: {', '.join(codes)})"
                )

    def map_languages(self, codes):
        """The editions the file's languages go to; stops naming the languages that have none."""
        unknown, needed = {}, set()
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
        return needed

    def edition_for(self, wp_lang, codes):
        normal = normalise_language(wp_lang)
        if normal in self.map_language:
            return self.map_language[normal]
        for candidate in (normal, normal.split("_")[0]):
            if candidate in codes:
                return candidate
        return None

    def articles_section(self, edition):
        """The section new posts of `edition` go to: its Articles section, made if it has none."""
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


def default_edition(homes, codes):
    site = Site.objects.filter(is_default_site=True).select_related("root_page__locale").first()
    if site is not None and site.root_page.locale.language_code in codes:
        return site.root_page.locale.language_code
    return next((code for code in codes if code in homes), codes[0])


@transaction.atomic
def create_edition(code, homes):
    locale, _ = Locale.objects.get_or_create(language_code=code)
    source = next(iter(homes.values()), None)
    if source is None:
        home = HomePage(title=settings.WAGTAIL_SITE_NAME, slug=f"home-{code}", locale=locale)
        Page.get_first_root_node().add_child(instance=home)
    else:
        home = source.copy_for_translation(locale).specific
    home.save_revision().publish()
    return home
