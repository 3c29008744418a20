"""Translations marked outdated when their source is published with changes to what translators translate.

wagtail-localize keeps, per source object, a `TranslationSource`: the content its translations were made
from (or last synced from), cut into segments. When the source page is published (Wagtail's
`page_published`) or a translatable snippet is saved (`post_save`; `published` for snippets with drafts),
the segments extracted from the new live content are compared with the TranslationSource's string
segments, path by path, and each of its translations gets an `OutdatedTranslation` saying how many were
added, changed and removed. A change that touches no string segment (a date, a picture, a field that is not
translated) marks nothing.

The mark stays until the translation is synced from the source (which updates the TranslationSource) and
then published (a snippet: saved): from then on the translation was made from the current source.

It runs in the process that publishes, inside the publish's transaction, before the action returns: the
editor who published sees the badges at once, and it costs a few milliseconds (one extraction and three
or four queries; docs/decisions/0022-outdated-translations-marked-on-publish.md has the figures).
"""

import copy
import json
import logging
from collections import defaultdict
from difflib import SequenceMatcher

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.signals import page_published, published
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .models import OutdatedTranslation

logger = logging.getLogger(__name__)


def _by_path(pairs):
    strings = defaultdict(list)
    for path, data in pairs:
        strings[path].append(data)
    return strings


def segment_changes(source, instance):
    """(added, changed, removed): string segments of `instance` against those stored for `source`.

    Segments are matched by their content path (a field, a StreamField block's id); the strings of one path
    (the paragraphs of a rich text) are aligned in order, so an edited paragraph counts as changed and a new
    one as added, whatever else moved. StreamField blocks whose stored value is the one in the source's
    snapshot keep their stored segments: only the blocks that changed are extracted again.
    """
    draft, kept = _changed_blocks_only(instance, json.loads(source.content_json))
    stored = list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("context__path", "string__data")
    )
    old = _by_path(stored)
    new = _by_path(
        (segment.path, segment.string.data)
        for segment in extract_segments(draft)
        if isinstance(segment, StringSegmentValue)
    )
    for path, data in stored:
        if tuple(path.split(".", 2)[:2]) in kept:
            new[path].append(data)
    added = changed = removed = 0
    for path in old.keys() | new.keys():
        matcher = SequenceMatcher(None, old.get(path, []), new.get(path, []), autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            common = min(i2 - i1, j2 - j1)
            changed += common
            removed += (i2 - i1) - common
            added += (j2 - j1) - common
    return added, changed, removed


def _changed_blocks_only(instance, snapshot):
    """A copy of `instance` whose StreamFields hold only the blocks that differ from `snapshot` (the
    source's stored content), and the (field, block id) of those left out, unchanged."""
    draft, kept = copy.copy(instance), set()
    for field in instance._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        stored = snapshot.get(field.name) or []
        stored = json.loads(stored) if isinstance(stored, str) else stored
        stored = {block.get("id"): block for block in stored if isinstance(block, dict)}
        changed = []
        for block in getattr(instance, field.name).raw_data:
            if block.get("id") and stored.get(block["id"]) == block:
                kept.add((field.name, block["id"]))
            else:
                changed.append(block)
        draft.__dict__[field.name] = StreamValue(field.stream_block, changed, is_lazy=True)
    return draft, kept


def mark_translations(instance, revision=None):
    """Marks (or unmarks) the translations of `instance`, a source just made live; returns the marks."""
    source = (
        TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id)
        .only("pk", "last_updated_at")
        .first()
    )
    if source is None:
        return []
    translations = list(Translation.objects.filter(source=source, enabled=True).only("pk"))
    if not translations:
        return []
    try:
        added, changed, removed = segment_changes(source, instance)
    except (TypeError, ValueError):
        # Content wagtail-localize cannot cut into segments: it could not translate it either. The publish
        # goes on; the translations keep the marks they had.
        logger.exception("Could not compare %r (pk %s) with its translation source", instance, instance.pk)
        return []
    marks = {
        mark.translation_id: mark for mark in OutdatedTranslation.objects.filter(translation__source=source)
    }
    if not added + changed + removed:
        # Back to what the translations were made from: unless synced since (then they wait for their
        # publish), nothing is left to translate.
        stale = [m.pk for m in marks.values() if m.source_changed_at > source.last_updated_at]
        OutdatedTranslation.objects.filter(pk__in=stale).delete()
        return [m for m in marks.values() if m.pk not in stale]
    now = timezone.now()
    result = []
    for translation in translations:
        mark = marks.get(translation.pk) or OutdatedTranslation(translation=translation)
        synced = mark.pk is not None and mark.source_changed_at <= source.last_updated_at
        if mark.pk is None or synced or (mark.added, mark.changed, mark.removed) != (added, changed, removed):
            mark.added, mark.changed, mark.removed = added, changed, removed
            mark.source_changed_at = now
            mark.source_revision = revision
            mark.save()
        result.append(mark)
    return result


def clear_synced(instance):
    """The translation `instance` was just made live: its mark goes if it was synced since the change."""
    OutdatedTranslation.objects.of(instance.translation_key, instance.locale_id).synced().delete()


@receiver(page_published)
def page_made_live(sender, instance, revision=None, **kwargs):
    if instance.alias_of_id:
        return
    clear_synced(instance)
    mark_translations(instance.specific, revision)


@receiver(post_save)
def snippet_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, TranslatableMixin) or isinstance(instance, Page | DraftStateMixin):
        return
    clear_synced(instance)
    mark_translations(instance)


@receiver(published)
def snippet_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, TranslatableMixin) and not isinstance(instance, Page):
        clear_synced(instance)
        mark_translations(instance, revision)
