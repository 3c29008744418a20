"""Search and reference indexes of what an import wrote, brought up to date in bulk after the items.

During the import nothing is indexed page by page (`indexes_updated_afterwards`); each `ImportedItem` is
written with `indexed=False`, and `update_indexes` then indexes those objects 500 at a time, each object
loaded once for both indexes, and marks them indexed. An interrupted run leaves them unmarked, so the
next run indexes them.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_save
from modelcluster.models import ClusterableModel, get_all_child_relations
from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.backends import get_search_backends
from modelsearch.index import class_is_indexed
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from .internals import content_path_hash, references_of
from .models import ImportedItem

CHUNK = 500


@contextmanager
def indexes_updated_afterwards():
    """Search and reference indexes are brought up to date in bulk at the end, not on every save."""
    models = [m for m in apps.get_models() if class_is_indexed(m)]
    for model in models:
        post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            if getattr(model, "search_auto_update", True):
                post_save.connect(search_signal_handlers.post_save_signal_handler, sender=model)


def reference_index_in_bulk(model, objects):
    """Wagtail's `ReferenceIndex.create_or_update_for_object` for many objects of one model at once: the
    same references found the same way, with one query to read what is recorded, one to add, one to delete.
    """
    content_types = [
        ContentType.objects.get_for_model(m, for_concrete_model=False)
        for m in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_content_type_ids = {ct.id for ct in content_types}
    recorded = defaultdict(dict)  # object id -> {reference: (content type id, row id)}
    rows = ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=[str(o.pk) for o in objects]
    ).values_list(
        "id", "content_type_id", "object_id", "to_content_type", "to_object_id", "model_path", "content_path"
    )
    for row_id, content_type_id, object_id, *reference in rows:
        recorded[object_id][tuple(reference)] = (content_type_id, row_id)
    new, stale = [], []
    for instance in objects:
        references = references_of(instance)
        existing = recorded.get(str(instance.pk), {})
        new += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=instance.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references - existing.keys()
        ]
        # A row recorded under a more specific model than this one is not this object's to remove.
        stale += [
            row_id
            for reference, (content_type_id, row_id) in existing.items()
            if reference not in references and content_type_id in known_content_type_ids
        ]
    ReferenceIndex.objects.bulk_create(
        new, batch_size=500, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()


def update_indexes(source):
    """Search and reference indexes for what imports from `source` wrote and did not index yet."""
    pending = ImportedItem.objects.filter(source=source, indexed=False)
    by_type = defaultdict(list)
    for content_type_id, pk, object_id in pending.values_list("content_type_id", "pk", "object_id"):
        by_type[content_type_id].append((pk, object_id))
    backends = list(get_search_backends(with_auto_update=True))
    for content_type_id, rows in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            ids = {object_id for _, object_id in chunk}
            indexed, objects = load(model, ids)
            with transaction.atomic():
                index_now(model, objects, indexed, backends)
                ImportedItem.objects.filter(pk__in=[pk for pk, _ in chunk]).update(indexed=True)


def index_now(model, objects, indexed=None, backends=None):
    """Add `objects` of `model` to the reference index, and `indexed` (by default those of them the
    search index takes) to the search index."""
    if indexed is None:
        indexed = [obj for obj in objects if class_is_indexed(type(obj))]
    if backends is None:
        backends = get_search_backends(with_auto_update=True)
    if indexed:
        for backend in backends:
            backend.add_bulk(model, indexed)
    if ReferenceIndex.is_indexed(model) and objects:
        reference_index_in_bulk(model, objects)


def load(model, ids):
    """(what the search index takes, every object) of `model` with the ids `ids`: read once, as the
    search backend reads them, with the child relations the reference index reads."""
    children = []
    if issubclass(model, ClusterableModel):
        children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    indexed = []
    if class_is_indexed(model):
        indexed = list(model.get_indexed_objects().filter(pk__in=ids).prefetch_related(*children))
    others = ids - {obj.pk for obj in indexed}
    if others:
        return indexed, [*indexed, *model.objects.filter(pk__in=others).prefetch_related(*children)]
    return indexed, indexed
