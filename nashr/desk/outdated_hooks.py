"""Where editors see that a translation is outdated: the page explorer's status column and the editor.

- The explorer's queryset (`construct_explorer_page_queryset`) is annotated with each page's mark, one
  subquery in the listing's own query; `templates/wagtailadmin/pages/listing/_page_status_cell.html` adds the
  badge beside Wagtail's status tag.
- Opening a translation in the editor (Wagtail's page editor, or wagtail-localize's translation editor, which
  takes over for translations it made) shows a warning at the top with what changed and a button to sync or
  update it. The hooks run before wagtail-localize's, which answer with the translation editor.
"""

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin import messages

from nashr.users.permissions import locale_ids_for

from .models import OutdatedTranslation


def outdated_total(translation_key="translation_key", locale="locale_id"):
    """A subquery: the number of segments changed, added or removed since the translation was made."""
    marks = OutdatedTranslation.objects.filter(
        translation__source__object_id=OuterRef(translation_key),
        translation__target_locale_id=OuterRef(locale),
    )
    return Subquery(marks.values_list(F("added") + F("changed") + F("removed"))[:1])


@hooks.register("construct_explorer_page_queryset")
def annotate_outdated(parent_page, pages, request):
    return pages.annotate(desk_outdated=outdated_total())


def warn_if_outdated(request, instance):
    if request.method != "GET":
        return
    mark = (
        OutdatedTranslation.objects.of(instance.translation_key, instance.locale_id)
        .select_related("translation__source")
        .first()
    )
    if mark is None:
        return
    if mark.synced:
        buttons = [messages.button(mark.fix_url(), gettext("Update the translation"))]
    elif may_sync(request.user, mark.translation.source):
        buttons = [messages.button(mark.fix_url(), gettext("Sync the translation"))]
    else:
        buttons = []  # users/localize.py would refuse it: the source is translated beyond their editions
    messages.warning(request, mark.describe(), buttons=buttons)


def may_sync(user, source):
    allowed = locale_ids_for(user, "wagtail_localize.submit_translation")
    if allowed is None:
        return True
    return set(source.translations.filter(enabled=True).values_list("target_locale_id", flat=True)) <= allowed


@hooks.register("before_edit_page", order=-1)
def outdated_page(request, page):
    warn_if_outdated(request, page)


@hooks.register("before_edit_snippet", order=-1)
def outdated_snippet(request, instance):
    if hasattr(instance, "translation_key"):
        warn_if_outdated(request, instance)
