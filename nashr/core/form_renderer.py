"""The renderer of readers' forms: Django's Jinja2 form renderer, its single-element widgets drawn in Python.

A text, e-mail or hidden input and a textarea are one element each, whose markup Django's own Jinja2
templates (`django/forms/widgets/input.html`, `attrs.html`, `textarea.html`) give. Drawing them through
those templates cost a page about 0.6 ms (the newsletter signup and the comment form: a template looked
up, a context made and rendered per field, 8.6 % of an article rendered from nothing). Here they are
written out the same way, every value escaped as the templates escape it; `test_form_renderer` checks
each against Django's templates. Any other widget (choices, selects, files...) goes to the templates.
"""

from django.forms.renderers import Jinja2
from markupsafe import escape

# Widgets whose Django Jinja2 template is only `{% include "django/forms/widgets/input.html" %}`.
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input", "text", "email", "hidden", "checkbox", "number", "url", "password", "tel", "search",
        "date", "datetime", "time", "color",
    )
)  # fmt: skip
TEXTAREA = "django/forms/widgets/textarea.html"


def attributes(attrs):
    """attrs.html: ` name="value"` each, ` name` alone for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def draw_input(widget):
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    kind, name = escape(widget["type"]), escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{attributes(widget["attrs"])}>'


def draw_textarea(widget):
    value = escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


class ReadersRenderer(Jinja2):
    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return draw_input(context["widget"])
        if template_name == TEXTAREA:
            return draw_textarea(context["widget"])
        return super().render(template_name, context, request)
