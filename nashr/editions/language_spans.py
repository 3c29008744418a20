"""Inline language spans in rich text: a phrase in another language than the text around it.

An English name inside Persian text, a Persian phrase in English: the editor selects it and presses the
language's button in Draftail's toolbar (one inline style per edition, labelled EN, FA, AR, SQ). The
database keeps `<span lang="en" dir="ltr">...</span>`, which Wagtail's rich text rendering leaves as it is
on the site, in feeds and in mail: readers' browsers isolate the span (`dir` implies `unicode-bidi:
isolate`; nashr/static/css/nashr.css says so again for older engines), so its punctuation and the text
around it keep their order, and a paragraph set to `dir="auto"` takes its direction from its own language,
not from a name it opens with. Screen readers switch voice on `lang`.

All the editions' styles are one feature, "language-spans" (enabled in core.blocks.body.RICH_TEXT_FEATURES,
the features of every body and rich text field), so that adding an edition adds its button without
changing any field's definition. `register` is called from nashr/editions/wagtail_hooks.py.
"""

from django.conf import settings
from django.utils.translation import get_language_info

FEATURE = "language-spans"


def editions():
    """(code, direction, style, own name) of each edition's language."""
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        yield code, "rtl" if info["bidi"] else "ltr", f"LANG_{code.upper()}", info["name_local"]


def register(features):
    # Not at import: core.blocks reads FEATURE while models load, before Wagtail's admin can be imported.
    from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
    from wagtail.admin.rich_text.editors.draftail.features import Feature

    class LanguageSpans(Feature):
        def construct_options(self, options):
            for code, direction, style, name in editions():
                # In the editor too the span is isolated in its direction, and underlined to be seen.
                css = {"direction": direction, "unicodeBidi": "isolate", "textDecoration": "underline dotted"}
                options.setdefault("inlineStyles", []).append(
                    {"type": style, "label": code.upper(), "description": name, "style": css}
                )

    features.register_editor_plugin("draftail", FEATURE, LanguageSpans())
    features.register_converter_rule(
        "contentstate",
        FEATURE,
        {
            "from_database_format": {
                f'span[lang="{code}"]': InlineStyleElementHandler(style) for code, _d, style, _n in editions()
            },
            "to_database_format": {
                "style_map": {
                    style: {"element": "span", "props": {"lang": code, "dir": direction}}
                    for code, direction, style, _n in editions()
                }
            },
        },
    )
