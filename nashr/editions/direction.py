"""Admin fields in the direction of the content they hold, whatever the admin's own language.

A Farsi article edited in an English admin must read right to left, and an English one in a Farsi admin
left to right; the admin's chrome (labels, buttons, toolbars) stays in the admin's direction. The edit
forms of pages and translatable snippets use these form classes (`base_form_class`):

- inputs Django renders (text inputs, textareas) get `lang` and `dir` from the instance's locale, in the
  form and in its inline panels' forms;
- inputs Wagtail renders in the browser (Draftail, StreamField blocks) cannot take attributes from the
  server: their hidden input (Draftail) or a wrapper (StreamField) carries `data-nashr-lang` and
  `data-nashr-dir`, and nashr/editions/static/editions/js/content_direction.js sets `lang` and `dir` on
  the text inputs and editors inside;
- addresses, dates and numbers stay left to right (slugs, URL, e-mail, date fields), and fields a model
  names in `original_language_fields` (say, the original title of a translated piece) take the language that
  another field names, with `dir="auto"`.

The translation editor (wagtail-localize's React app) gets the same from the script, reading the source
and target languages from nashr/accounts/templates/wagtail_localize/admin/edit_translation.html.
"""

from django import forms
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.base import BlockWidget

from nashr.editions.editions import get_edition, language_code_of

# Widgets that hold words; their subclasses for dates, numbers, addresses and passwords do not.
_TEXT_WIDGETS = (forms.TextInput, forms.Textarea)
_NOT_TEXT_WIDGETS = (
    forms.widgets.DateTimeBaseInput,
    forms.NumberInput,
    forms.URLInput,
    forms.EmailInput,
    forms.PasswordInput,
)
LEFT_TO_RIGHT_FIELDS = {"slug", "url_path"}
# Addresses, dates and numbers read left to right in every edition ("2026-11-18 09:00", never the other way).
_LEFT_TO_RIGHT_WIDGETS = (
    forms.widgets.DateTimeBaseInput,
    forms.URLInput,
    forms.EmailInput,
    forms.NumberInput,
)


def direction_attrs(language_code):
    """The `lang` and `dir` attributes of text in the edition of `language_code`."""
    return {"lang": language_code, "dir": get_edition(language_code).direction}


class DirectedBlockWidget(BlockWidget):
    """A StreamField's widget inside an element naming its content's language for the script: the blocks
    are drawn in the browser. The element's own direction is the admin's (its chrome)."""

    def __init__(self, block_def, language_code):
        super().__init__(block_def)
        self.language_code = language_code

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        html = super().render_with_errors(name, value, attrs=attrs, errors=errors, renderer=renderer)
        attrs = direction_attrs(self.language_code)
        return format_html(
            '<div data-nashr-lang="{}" data-nashr-dir="{}">{}</div>', attrs["lang"], attrs["dir"], html
        )


def set_field_directions(form, language_code):
    """Give every text field of `form` the language and direction of `language_code`."""
    attrs = direction_attrs(language_code)
    original = getattr(form._meta.model, "original_language_fields", {})
    for name, field in form.fields.items():
        widget = field.widget
        if name in LEFT_TO_RIGHT_FIELDS or isinstance(widget, _LEFT_TO_RIGHT_WIDGETS):
            widget.attrs.update(dir="ltr")
        elif name in original:
            other = form.initial.get(original[name]) or getattr(form.instance, original[name], "")
            widget.attrs.update(dir="auto", **({"lang": other} if other else {}))
        elif isinstance(widget, BlockWidget):
            field.widget = DirectedBlockWidget(widget.block_def, language_code)
        elif widget.attrs.get("data-draftail-input"):  # Draftail (not imported: models load this module)
            widget.attrs.update({"data-nashr-lang": attrs["lang"], "data-nashr-dir": attrs["dir"]})
        elif isinstance(widget, _TEXT_WIDGETS) and not isinstance(widget, _NOT_TEXT_WIDGETS):
            widget.attrs.update(attrs)


def instance_language(form):
    """The language code of the object `form` edits: its locale, else (a new page) its parent's."""
    locale_id = getattr(form.instance, "locale_id", None)
    if locale_id is None and getattr(form, "parent_page", None) is not None:
        locale_id = form.parent_page.locale_id
    return language_code_of(locale_id) if locale_id else None


def directed(form_class, language_code):
    """`form_class` whose fields take the direction of `language_code`: for the forms of inline panels
    (a gallery's captions), which have no locale of their own."""

    class DirectedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            set_field_directions(self, language_code)

    DirectedForm.__name__ = form_class.__name__
    return DirectedForm


class ContentDirectionMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language_code = instance_language(self)
        if not language_code:
            return
        set_field_directions(self, language_code)
        for formset in getattr(self, "formsets", {}).values():
            formset.form = directed(formset.form, language_code)  # this form's formsets only
            for child in formset.__dict__.get("forms", []):  # any built already
                set_field_directions(child, language_code)


class ContentDirectionPageForm(ContentDirectionMixin, WagtailAdminPageForm):
    """The page editor's form, its fields in the page's direction."""


class ContentDirectionModelForm(ContentDirectionMixin, WagtailAdminModelForm):
    """A translatable snippet's form, its fields in the snippet's direction."""
