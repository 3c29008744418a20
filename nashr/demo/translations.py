"""The demo's translations, made as a translator makes them: through wagtail-localize.

For each translation the loader gives the edition's texts; `localize()` takes the source's
`TranslationSource` (created the first time, as pressing Translate does), stores each of its string segments'
translation as a `StringTranslation` (what the translation editor saves as a translator types), and lets the
`Translation` create the translated page (a draft, for the loader to finish and publish) or snippet. So the
translation editor shows every demo translation beside its source, and a change to the source marks it
outdated (nashr/desk/outdated.py).

The edition's texts are matched to the source's segments by their content path: the loader builds the
translated content on a copy of the source with the same StreamField block ids (`same_block_ids`), so the
n-th string of a path in the copy translates the n-th string of that path in the source.
"""

from collections import defaultdict

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class DemoTextMissing(ValueError):
    """The demo content gives no text for a string of the source: content/*.json is incomplete."""


def draft_of(source, **fields):
    """An unsaved copy of `source` (its content, its id) carrying `fields`: the texts to translate with."""
    source = source.specific if isinstance(source, Page) else source
    if isinstance(source, Page):
        draft = source.with_content_json(source.serializable_data())
    else:
        draft = type(source)(**{f.attname: getattr(source, f.attname) for f in source._meta.concrete_fields})
    for name, value in fields.items():
        setattr(draft, name, value)
    return draft


def same_block_ids(source_value, value):
    """Gives the blocks of `value` (a StreamField's value, built from the edition's texts) the ids of the
    source's blocks at the same places, as wagtail-localize keeps them in a translation."""
    if isinstance(source_value, StreamValue):
        for source_child, child in zip(source_value, value, strict=False):
            child.id = source_child.id
            same_block_ids(source_child.value, child.value)
    elif isinstance(source_value, ListValue):
        for source_child, child in zip(source_value.bound_blocks, value.bound_blocks, strict=False):
            child.id = source_child.id
            same_block_ids(source_child.value, child.value)
    elif isinstance(source_value, StructValue):
        for name, child in source_value.items():
            same_block_ids(child, value.get(name))
    return value


def _texts(draft):
    """{(content path, n): string data} of the draft's string segments."""
    texts, seen = {}, defaultdict(int)
    for segment in extract_segments(draft):
        if isinstance(segment, StringSegmentValue):
            texts[(segment.path, seen[segment.path])] = segment.string.data
            seen[segment.path] += 1
    return texts


def localize(source, locale, draft):
    """Translates `source` into `locale` with the texts of `draft` (see draft_of); returns the translation.

    A page comes back as a draft, for the loader to give its edition's links and publish; a snippet is saved.
    """
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    texts = _texts(draft)
    strings, seen = {}, defaultdict(int)
    segments = (
        StringSegment.objects.filter(source=translation_source).select_related("context").order_by("order")
    )
    for segment in segments:
        path = segment.context.path
        key = (path, seen[path])
        seen[path] += 1
        if key not in texts:
            raise DemoTextMissing(f"{source!r}: no {locale.language_code} text for {path} (string {key[1]})")
        strings[(segment.string_id, segment.context_id)] = texts[key]
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(translation_of_id=string_id, context_id=context_id, locale=locale, data=data)
            for (string_id, context_id), data in strings.items()
        ],
        ignore_conflicts=True,
    )
    translation, _ = Translation.objects.get_or_create(source=translation_source, target_locale=locale)
    translation.save_target(publish=not isinstance(source, Page))
    return translation_source.get_translated_instance(locale)


def revise(page, revised):
    """Publishes `page` with one paragraph rewritten (`revised`: {"paragraph": n, "text": ...}), keeping its
    block's id, as an editor does after the translations were made: they become outdated."""
    page = page.get_latest_revision_as_object()
    blocks = [(block.block_type, block.value, block.id) for block in page.body]
    index = revised["paragraph"]
    if blocks[index][0] != "paragraph":
        raise DemoTextMissing(f"{page.slug}: block {index} is not a paragraph to revise")
    blocks[index] = ("paragraph", RichText(f"<p>{revised['text']}</p>"), blocks[index][2])
    page.body = StreamValue(page.body.stream_block, blocks)
    return page.save_revision().publish()
