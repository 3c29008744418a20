from django.urls import path
from wagtail import hooks

from nashr.editions.translations import UpdateTranslationsView


@hooks.register("register_admin_urls", order=-1)  # before wagtail-localize's view at the same address
def sync_translations_without_publishing():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="nashr_update_translations",
        )
    ]
