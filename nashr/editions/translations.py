"""Translations reach an edition's readers only when an editor of that edition publishes them.

wagtail-localize writes translated pages and snippets in three places, and each could put a copy of the
source live in another edition:

- Translate (a page, a page with its subtree, a snippet) goes through `TranslationCreator`, which
  publishes a translation whenever its source is live unless `WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`
  is off: our settings turn it off, so a new translated page is a draft.
- "Sync translated pages" (`UpdateTranslationsView`) offers "Publish immediately": `UpdateTranslationsView`
  below replaces it at the same address without that choice, so syncing only refreshes the strings to
  translate.
- Saving a draft of a translation that already exists (Translate with the subtree, or related pages, reach
  translations that are live) writes the page's row, which is what readers get, before adding a revision:
  `save_translation_draft` keeps a live row as it is and stores the update as a revision only.

The translation editor's Publish button (`edit_translation`, `publish=True`) is the one way a translation
goes live, as any page does. Snippets that have no draft state (categories, menus) are saved as they are
translated: they cannot be drafts. See docs/decisions/0011-translations-are-drafts-until-published.md.
"""

from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page
from wagtail_localize.models import TranslationLog, TranslationSource
from wagtail_localize.views.update_translations import UpdateTranslationsForm
from wagtail_localize.views.update_translations import UpdateTranslationsView as LocalizeUpdateView

_create_or_update_translation = TranslationSource.create_or_update_translation


def save_translation_draft(source, locale, user=None, publish=True, copy_parent_pages=False, fallback=False):
    """`TranslationSource.create_or_update_translation`, except that a draft never changes a live page.

    Installed in place of it by `EditionsConfig.ready()`; the arguments and return value are its own.
    """
    if not publish:
        try:
            existing = source.get_translated_instance(locale)
        except ObjectDoesNotExist:
            existing = None
        if isinstance(existing, Page) and existing.live and not existing.alias_of_id:
            draft = source.get_ephemeral_translated_instance(locale, fallback=fallback)
            revision = draft.save_revision(user=user)  # saves only the revision fields of the row
            TranslationLog.objects.create(source=source, locale=locale, revision=revision)
            return draft, False
    return _create_or_update_translation(
        source, locale, user=user, publish=publish, copy_parent_pages=copy_parent_pages, fallback=fallback
    )


def install():
    TranslationSource.create_or_update_translation = save_translation_draft


class SyncTranslationsForm(UpdateTranslationsForm):
    """wagtail-localize's form without "Publish immediately"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publish_translations"]


class UpdateTranslationsView(LocalizeUpdateView):
    """Sync translations from their source without publishing any of them."""

    def get_form(self):
        return SyncTranslationsForm(self.request.POST if self.request.method == "POST" else None)

    def form_valid(self, form):
        form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)
