"""The interface strings of the readers' Jinja2 templates (nashr/jinja2), as gettext finds them.

Django's `makemessages` reads Django templates only; `manage.py makemessages` here (this app's command)
gives it each Jinja2 template as the Python calls its strings make, found by Jinja2's own parser with the
site's extensions, so `{{ _("...") }}`, `pgettext(...)` and `{% trans %}...{% pluralize %}...{% endtrans %}`
reach the catalogs like any other string.
"""

from pathlib import Path

from django.template import engines

# What each gettext function of the templates becomes, with its message's parts.
_CALLS = {
    "_": "gettext({0!r})",
    "gettext": "gettext({0!r})",
    "ngettext": "ngettext({0!r}, {1!r}, 1)",
    "pgettext": "pgettext({0!r}, {1!r})",
    "npgettext": "npgettext({0!r}, {1!r}, {2!r}, 1)",
}


def readers_environment():
    """The Jinja2 environment of the readers' templates (the first engine in TEMPLATES)."""
    for engine in engines.all():
        if hasattr(engine, "env"):
            return engine.env
    raise LookupError("no Jinja2 engine in TEMPLATES")


def messages_of(source):
    """[(line, function, message parts)] of a Jinja2 template's source."""
    found = []
    for line, function, message in readers_environment().extract_translations(source):
        parts = message if isinstance(message, tuple) else (message,)
        found.append((line, function, tuple(part for part in parts if part is not None)))
    return found


def as_python(source):
    """The template as Python that makes the same gettext calls on the same lines, for xgettext."""
    lines = [""] * (source.count("\n") + 1)
    for line, function, parts in messages_of(source):
        lines[line - 1] += _CALLS[function].format(*parts) + "; "
    return "\n".join(lines) + "\n"


def is_jinja_template(path):
    return "jinja2" in Path(path).parts
