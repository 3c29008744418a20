"""The static output, pushed to mirrors: an output of the publishing pipeline (publishing/static.py).

The worker's static task renders each address once; this output makes the files portable once (links
relative to the file, publishing/portable.py), then gives each mirror that carries the address what changed
since its last push (compared with `MirrorFile`, the mirror's record of what it holds), with the /static/ and
/media/ files the pages use. A page's files that are no longer there (a listing's last pages) are deleted
from the mirror; an address that is gone is deleted everywhere.

A mirror that fails is left alone for the rest of the task, and what it missed goes to a task of its own,
retried with backoff (`push_to_mirror`, nashr/worker/retries.py): the other mirrors and the static folder are
not held back.
"""

import hashlib
import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

from nashr.publishing.portable import portable

from .models import Mirror, MirrorFile
from .stores import store_for

logger = logging.getLogger(__name__)


def digest(body):
    return hashlib.sha256(body).hexdigest()


class MirrorsOutput:
    """The publishing output for `mirrors`. With `strict`, finish() raises the first mirror's error (the
    retry task, which the worker runs again); otherwise a failing mirror's missed addresses get that task."""

    def __init__(self, mirrors, strict=False, force=False):
        self.targets = [Target(mirror, force) for mirror in mirrors]
        self.strict = strict

    def write(self, path, files):
        targets = [t for t in self.targets if t.mirror.carries(path)]
        if not targets:
            return
        prepared = []
        for relative, body, content_type in files:
            made = portable(path, body, content_type)
            prepared.append((relative, made.body, content_type, made.assets))
        for target in targets:
            target.write(path, prepared)

    def remove(self, path):
        for target in self.targets:
            if target.mirror.carries(path):
                target.remove(path)

    def finish(self):
        errors = [target.finish(self.strict) for target in self.targets]
        errors = [e for e in errors if e is not None]
        if self.strict and errors:
            raise errors[0]


class Target:
    """One mirror during one task: what it was given, and the first error that stopped it."""

    def __init__(self, mirror, force=False):
        self.mirror = mirror
        self.force = force
        self.error = None
        self.missed = []
        self.done = 0
        self._store = None

    @property
    def store(self):
        if self._store is None:
            self._store = store_for(self.mirror)
        return self._store

    def write(self, path, files):
        self._guarded(path, self._write, path, files)

    def remove(self, path):
        self._guarded(path, self._remove, path)

    def _guarded(self, path, action, *args):
        if self.error is not None:
            self.missed.append(path)
            return
        try:
            action(*args)
            self.done += 1
        except Exception as error:  # any failure of one mirror stays with that mirror
            logger.warning("Mirror %s failed on %s: %s", self.mirror.name, path, error)
            self.error = error
            self.missed.append(path)

    def _write(self, path, files):
        held = dict(MirrorFile.objects.filter(mirror=self.mirror, page=path).values_list("key", "digest"))
        assets = []
        for relative, body, content_type, used in files:
            sha = digest(body)
            if self.force or held.get(relative) != sha:
                self.store.put(relative, body, content_type, settings.NASHR_MIRROR_PAGE_CACHE_CONTROL)
                MirrorFile.objects.update_or_create(
                    mirror=self.mirror, key=relative, defaults={"page": path, "digest": sha}
                )
            assets += used
        stale = set(held) - {relative for relative, *_ in files}
        if stale:
            self.store.delete(sorted(stale))
            MirrorFile.objects.filter(mirror=self.mirror, key__in=stale).delete()
        self.push_assets(assets)

    def _remove(self, path):
        keys = list(MirrorFile.objects.filter(mirror=self.mirror, page=path).values_list("key", flat=True))
        if keys:
            self.store.delete(keys)
            MirrorFile.objects.filter(mirror=self.mirror, key__in=keys).delete()

    def push_assets(self, assets, depth=0):
        """Push the /static/ and /media/ files not on the mirror yet (their names change with their content:
        hashed static names, rendition names), and the files a stylesheet names (fonts)."""
        keys = {asset.lstrip("/"): asset for asset in assets}
        if not self.force:
            held = MirrorFile.objects.filter(mirror=self.mirror, page="", key__in=list(keys))
            for key in held.values_list("key", flat=True):
                keys.pop(key, None)
        for key, asset in keys.items():
            found = read_asset(asset)
            if found is None:
                logger.warning("Mirror %s: %s is used by a page but cannot be found", self.mirror.name, asset)
                continue
            body, content_type, cache_control = found
            if content_type == "text/css" and depth == 0:
                made = portable(asset, body, content_type)
                body = made.body
                self.push_assets(made.assets, depth + 1)
            self.store.put(key, body, content_type, cache_control)
            MirrorFile.objects.update_or_create(
                mirror=self.mirror, key=key, defaults={"page": "", "digest": digest(body)}
            )

    def finish(self, strict):
        if self.error is not None:
            self.mirror.record_failure(self.error, len(dict.fromkeys(self.missed)))
            if not strict:
                from .tasks import push_to_mirror

                push_to_mirror.enqueue(self.mirror.pk, list(dict.fromkeys(self.missed)))
            return self.error
        if self.done:
            self.mirror.record_success()
        return None


def read_asset(url_path):
    """(bytes, content type, Cache-Control) of a /static/ or /media/ file the site serves, or None."""
    content_type = mimetypes.guess_type(url_path)[0] or "application/octet-stream"
    if url_path.startswith(settings.STATIC_URL):
        name = url_path[len(settings.STATIC_URL) :]
        collected = Path(settings.STATIC_ROOT) / name if settings.STATIC_ROOT else None
        found = str(collected) if collected and collected.is_file() else finders.find(name)
        if not found:
            return None
        return Path(found).read_bytes(), content_type, settings.NASHR_MIRROR_STATIC_CACHE_CONTROL
    if url_path.startswith(settings.MEDIA_URL):
        name = url_path[len(settings.MEDIA_URL) :]
        if ".." in Path(name).parts or not default_storage.exists(name):
            return None
        with default_storage.open(name) as handle:
            return handle.read(), content_type, settings.NASHR_MIRROR_MEDIA_CACHE_CONTROL
    return None


def outputs():
    """The publishing outputs of the enabled mirrors that get files (static.py's hook)."""
    mirrors = list(Mirror.objects.pushed())
    return [MirrorsOutput(mirrors)] if mirrors else []
