from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from nashr.editions import language_spans, page_links
from nashr.editions.translations import UpdateTranslationsView


@hooks.register("register_admin_urls", order=-1)  # before wagtail-localize's views at the same addresses
def sync_translations_without_publishing():
    from nashr.editions import machine_views  # the translation editor's: where the admin's addresses load

    return [
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="nashr_update_translations",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_views.translate_page,
            name="nashr_machine_translate_page",
        ),
        path(
            "localize/translate/<int:translation_id>/strings/<int:segment_id>/machine/",
            machine_views.translate_segment,
            name="nashr_machine_translate_segment",
        ),
    ]


@hooks.register("insert_global_admin_js")
def content_direction_script():
    """Text inputs drawn in the browser take their content's direction (nashr/editions/direction.py)."""
    return format_html('<script src="{}" defer></script>', static("editions/js/content_direction.js"))


@hooks.register("insert_global_admin_css")
def content_direction_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("editions/css/content_direction.css"))


@hooks.register("register_rich_text_features")
def language_span_features(features):
    language_spans.register(features)


@hooks.register("register_rich_text_features", order=10)  # after Wagtail's own page links, to replace them
def page_link_feature(features):
    page_links.register(features)
