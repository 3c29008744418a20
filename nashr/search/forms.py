from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import get_page_models

from nashr.core.forms import AccessibleErrors
from nashr.core.models import BasePage, PostPage, SectionPage
from nashr.home.models import HomePage

from .filters import Filters
from .query import MAX_QUERY_LENGTH

ALL_EDITIONS = "all"


def page_type_choices():
    """Kinds of page a reader may narrow a search to: every public page type but the edition home."""
    models = [
        model
        for model in get_page_models()
        if issubclass(model, BasePage) and model not in (PostPage, HomePage)
    ]
    choices = [(model._meta.label_lower, model._meta.verbose_name) for model in models]
    return sorted(choices, key=lambda choice: str(choice[1]))


class SearchForm(AccessibleErrors, forms.Form):
    """The reader's search: words, and optional filters. Every field may be missing or wrong; what is
    valid is used and what is not is reported next to its field."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    section = forms.TypedChoiceField(label=_("Section"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label=_("Type"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    scope = forms.ChoiceField(
        label=_("Search in"),
        required=False,
        choices=[("", _("This edition")), (ALL_EDITIONS, _("All editions"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *, locale=None):
        super().__init__(data)
        self.truncated = False
        sections = SectionPage.objects.live().public()
        if locale is not None:
            sections = sections.filter(locale=locale)
        self.sections = {section.pk: section for section in sections.order_by("path")}
        self.fields["section"].choices = [("", _("All sections"))] + [
            (pk, section.title) for pk, section in self.sections.items()
        ]
        self.fields["type"].choices = [("", _("All types")), *page_type_choices()]

    def clean_q(self):
        text = self.cleaned_data["q"]
        if len(text) > MAX_QUERY_LENGTH:
            self.truncated = True
            text = text[:MAX_QUERY_LENGTH]
        return text

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date comes before the start date."))
            cleaned.pop("date_to", None)
        return cleaned

    @property
    def query(self):
        return self.cleaned_data.get("q", "") if hasattr(self, "cleaned_data") else ""

    @property
    def all_editions(self):
        return self.cleaned_data.get("scope") == ALL_EDITIONS

    def filters(self):
        data = self.cleaned_data
        content_type = None
        if data.get("type"):
            app_label, model = data["type"].split(".")
            content_type = ContentType.objects.get_by_natural_key(app_label, model)
        return Filters(
            section=self.sections.get(data.get("section")) if not self.all_editions else None,
            content_type=content_type,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    @property
    def has_filters(self):
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("section", "type", "date_from", "date_to", "scope"))
