"""The ledger of an import: what each WordPress object became (`ImportedItem`), with a checksum of its data.

A re-run asks the ledger before touching anything: an object whose checksum is unchanged is left alone, a
changed one is updated in place, an unknown one is created. Objects looked up again and again (pages,
categories, authors) are also kept in memory for the run; `load` forgets them and reads the ledger anew,
as after a failed item, whose transaction was rolled back.
"""

import hashlib
import json

from django.contrib.contenttypes.models import ContentType

from .models import ImportedItem

VERSION = "1"  # part of every checksum: raise it when the mapping changes, so a re-run updates everything
KEPT_IN_MEMORY = ("category", "author", "page")  # looked up again and again; posts and comments are not


def checksum(*parts):
    text = json.dumps([VERSION, *parts], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Ledger:
    """Keys are (kind, WordPress id, edition); the edition is "" for what is imported once per site."""

    def __init__(self, source=""):
        self.source = source
        self.known = {}  # key -> (object id, checksum)
        self.objects = {}  # key -> model instance made or read in this run
        self.content_types = {}

    def load(self):
        """(Re)read what earlier items made from the database; forget the instances kept in memory."""
        self.known = {
            (kind, wp_id, edition): (object_id, digest)
            for kind, wp_id, edition, object_id, digest in ImportedItem.objects.filter(
                source=self.source
            ).values_list("kind", "wp_id", "edition", "object_id", "checksum")
        }
        self.objects = {}

    def __contains__(self, key):
        return key in self.known

    def get(self, key):
        """(object id, checksum) of an imported object, or (None, None)."""
        return self.known.get(key, (None, None))

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        return self.content_types[model]

    def existing(self, kind, wp_id, edition, model):
        """(instance or None, stored checksum) for a WordPress object imported earlier."""
        key = (kind, wp_id, edition)
        if key in self.objects:
            return self.objects[key], self.get(key)[1]
        object_id, digest = self.get(key)
        if object_id is None:
            return None, None
        instance = model.objects.filter(pk=object_id).first()
        return instance, digest if instance is not None else None

    def record(self, kind, wp_id, edition, instance, digest, data=None):
        """An unsaved `ImportedItem` for `instance` (written later, e.g. with a batch of new posts)."""
        return ImportedItem(
            source=self.source,
            kind=kind,
            wp_id=wp_id,
            edition=edition,
            content_type=self.content_type(type(instance)),
            object_id=instance.pk,
            checksum=digest,
            data=data or {},
            indexed=False,
        )

    def remember(self, kind, wp_id, edition, instance, digest, data=None):
        """Record now what a WordPress object became."""
        key = (kind, wp_id, edition)
        record = self.record(kind, wp_id, edition, instance, digest, data)
        if key in self.known:
            values = {name: getattr(record, name) for name in ("checksum", "data", "indexed", "object_id")}
            values["content_type"] = record.content_type
            ImportedItem.objects.update_or_create(
                source=self.source, kind=kind, wp_id=wp_id, edition=edition, defaults=values
            )
        else:
            record.save()
        self.note_written(key, instance, digest)

    def note_written(self, key, instance, digest):
        """What a record written elsewhere (a batch of new posts) says, known from now on."""
        self.known[key] = (instance.pk, digest)
        if key[0] in KEPT_IN_MEMORY:
            self.objects[key] = instance
