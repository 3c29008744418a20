"""The translation dashboard: the pages of one edition against every other edition, each cell a status.

A cell is *missing* (no page of that edition shares the translation key), *outdated* (an OutdatedTranslation
marks it) or *up to date*. Each status is a subquery in the rows' own query, so a page of the table costs one
query however many rows and editions it shows; the filters are conditions on the same subqueries.
"""

from collections import defaultdict

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, get_page_models
from wagtail_localize.models import Translation, TranslationSource

from nashr.core.models import SectionPage
from nashr.home.models import HomePage
from nashr.users.models import EditionRole
from nashr.users.permissions import locale_ids_for
from nashr.users.roles import edition_label, editions_of

from .models import OutdatedTranslation

MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"
STATUSES = [(MISSING, _("Missing")), (OUTDATED, _("Outdated")), (CURRENT, _("Up to date"))]
PER_PAGE = 25
CURRENT_CELL = (CURRENT, _("Up to date"), _("Edit"))


def page_types():
    """(app_label.model, name) of the page types a newsroom translates: every type but the edition home."""
    models = [m for m in get_page_models() if m not in (Page, HomePage) and not m._meta.abstract]
    return sorted(((m._meta.label_lower, m._meta.verbose_name) for m in models), key=lambda c: str(c[1]))


def annotate_statuses(pages, locales):
    """Each page gains, per edition: its translation's id (`t<id>`), outdated segments (`o<id>`) and
    whether that outdated translation was synced since (`s<id>`); and its TranslationSource (`source_id`)."""
    annotations = {}
    for locale in locales:
        translations = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=locale.pk)
        marks = OutdatedTranslation.objects.filter(
            translation__source__object_id=OuterRef("translation_key"),
            translation__source__locale_id=OuterRef("locale_id"),
            translation__target_locale_id=locale.pk,
        )
        annotations[f"t{locale.pk}"] = Subquery(translations.values("pk")[:1])
        annotations[f"o{locale.pk}"] = Subquery(
            marks.values_list(F("added") + F("changed") + F("removed"))[:1]
        )
        annotations[f"s{locale.pk}"] = Exists(marks.synced())
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )
    return pages.annotate(source_id=Subquery(sources.values("pk")[:1]), **annotations)


def status_condition(status, locale):
    if status == MISSING:
        return Q(**{f"t{locale.pk}__isnull": True})
    if status == OUTDATED:
        return Q(**{f"o{locale.pk}__gt": 0})
    return Q(**{f"t{locale.pk}__isnull": False, f"o{locale.pk}__isnull": True})


def source_pages(source):
    """The pages of the edition `source` that the table lists: all but the edition's home and aliases."""
    return Page.objects.filter(locale=source, depth__gt=2, alias_of__isnull=True)


def summary(source, locales):
    """{locale: {status: count}} for the pages of `source`, in one query."""
    pages = annotate_statuses(source_pages(source), locales)
    counts = pages.aggregate(
        **{
            f"{status}_{locale.pk}": Count("pk", filter=status_condition(status, locale))
            for locale in locales
            for status, _label in STATUSES
        }
    )
    return {
        locale: {status: counts[f"{status}_{locale.pk}"] for status, _label in STATUSES} for locale in locales
    }


class DeskFilterForm(forms.Form):
    """The dashboard's filters; an unknown value is an error the page shows, never a guess."""

    source = forms.ChoiceField(label=_("Pages of"), required=False)
    edition = forms.ChoiceField(label=_("Edition"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any")), *STATUSES], required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    section = forms.TypedChoiceField(label=_("Section"), coerce=int, empty_value=None, required=False)
    p = forms.IntegerField(label=_("Page"), min_value=1, required=False)

    def __init__(self, data, locales):
        super().__init__(data)
        self.locales = {locale.language_code: locale for locale in locales}
        editions = [(code, edition_label(locale)) for code, locale in self.locales.items()]
        self.fields["source"].choices = editions
        self.fields["edition"].choices = [("", _("All")), *editions]
        self.fields["type"].choices = [("", _("Any")), *page_types()]
        sections = SectionPage.objects.filter(alias_of__isnull=True).select_related("locale")
        self.fields["section"].choices = [
            ("", _("Any")),
            *(
                (s.pk, f"{s.title} ({s.locale.language_code})")
                for s in sections.order_by("locale_id", "path")
            ),
        ]

    def clean(self):
        data = super().clean()
        source = self.locales.get(data.get("source")) or Locale.get_default()
        data["source"] = source
        if data.get("edition") and data["edition"] == source.language_code:
            self.add_error("edition", _("Choose an edition other than the one the pages are in."))
        if data.get("section"):
            data["section"] = SectionPage.objects.filter(pk=data["section"], locale=source).first()
            if data["section"] is None:
                self.add_error("section", _("This section is not in the edition the pages are in."))
        return data


class DeskTable:
    """One page of the dashboard for `user`, from a valid DeskFilterForm."""

    def __init__(self, user, form):
        data = form.cleaned_data
        self.source = data["source"]
        others = [locale for code, locale in form.locales.items() if code != self.source.language_code]
        self.locales = [form.locales[data["edition"]]] if data.get("edition") else others
        self.actionable = {
            code
            for role in (EditionRole.Role.EDITOR, EditionRole.Role.TRANSLATOR)
            for code in editions_of(user, role)
        }
        self.allowed_locale_ids = locale_ids_for(user, "wagtail_localize.submit_translation")
        pages = source_pages(self.source)
        if data.get("type"):
            app_label, model = data["type"].split(".")
            pages = pages.filter(content_type=ContentType.objects.get_by_natural_key(app_label, model))
        if data.get("section"):
            section = data["section"]
            pages = pages.filter(path__startswith=section.path, depth__gt=section.depth)
        pages = annotate_statuses(pages, self.locales)
        if data.get("status"):
            condition = Q()
            for locale in self.locales:
                condition |= status_condition(data["status"], locale)
            pages = pages.filter(condition)
        self.pages = pages.order_by("path")
        self.paginator = Paginator(self.pages, PER_PAGE)

    def page(self, number):
        """The rows of page `number`; raises EmptyPage when there is no such page."""
        return self.paginator.page(number)

    def rows(self, page):
        """[(page, its type's name, [cell per edition])] for one page of the paginator."""
        sources = {row.source_id for row in page.object_list if row.source_id}
        self.sync_targets = defaultdict(set)
        for source_id, locale_id in Translation.objects.filter(
            source_id__in=sources, enabled=True
        ).values_list("source_id", "target_locale_id"):
            self.sync_targets[source_id].add(locale_id)
        return [
            (row, self.type_name(row), [self.cell(row, loc) for loc in self.locales])
            for row in page.object_list
        ]

    def cell(self, row, locale):
        """{locale, status, label, outdated, action, url}; url is None where the user may not act."""
        translated_id = getattr(row, f"t{locale.pk}")
        outdated = getattr(row, f"o{locale.pk}")
        if translated_id is None:
            status, label, action = MISSING, _("Missing"), _("Translate")
            url = reverse("wagtail_localize:submit_page_translation", args=[row.pk])
            url += f"?select_locale={locale.language_code}"
        elif outdated and not getattr(row, f"s{locale.pk}") and self.may_sync(row.source_id):
            status, label, action = OUTDATED, _("Outdated"), _("Sync")
            url = reverse("wagtail_localize:update_translations", args=[row.source_id])
        else:
            status, label, action = (OUTDATED, _("Outdated"), _("Update")) if outdated else CURRENT_CELL
            url = reverse("wagtailadmin_pages:edit", args=[translated_id])
        if locale.language_code not in self.actionable:
            url = None
        return {
            "locale": locale,
            "status": status,
            "label": label,
            "outdated": outdated,
            "action": action,
            "url": url,
        }

    def may_sync(self, source_id):
        """Syncing rewrites what every translation of the source is made from: the user needs the right to
        translate in each of their editions (nashr/users/localize.py refuses it otherwise)."""
        allowed = self.allowed_locale_ids
        return source_id is not None and (allowed is None or self.sync_targets[source_id] <= allowed)

    @staticmethod
    def type_name(row):
        return ContentType.objects.get_for_id(row.content_type_id).model_class()._meta.verbose_name
