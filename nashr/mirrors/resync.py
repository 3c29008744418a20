"""A whole mirror made right: every address pushed (only what differs, unless forced), and every file the
mirror holds that the site no longer has deleted. For a new mirror, after an outage that outlasted the
retries, or after files were changed on the mirror behind Nashr's back."""

from nashr.caching.store import GLOBAL, scope_of
from nashr.publishing.static import StaticWriter

from .models import MirrorFile
from .push import MirrorsOutput


def resync(mirror, editions=None, force=False, stdout=None):
    """Push every address of `editions` (language codes; None: all the mirror carries) to `mirror`, then
    delete what it holds beyond them. Returns the number of addresses pushed; raises the mirror's error."""
    output = MirrorsOutput([mirror], strict=True, force=force)
    target = output.targets[0]
    store = target.store
    store.check()
    held = set(store.keys())
    # Files the record says are there but the mirror lost: forget them, so they are pushed again.
    recorded = MirrorFile.objects.filter(mirror=mirror)
    lost = [
        key for key in recorded.values_list("key", flat=True) if key not in held and _within(key, editions)
    ]
    recorded.filter(key__in=lost).delete()
    codes = [c for c in mirror.edition_codes() if editions is None or c in editions]
    writer = StaticWriter(None, [output])
    paths = [p for p in writer.all_paths(codes) if mirror.carries(p)]
    for count, path in enumerate(paths, 1):
        writer.write_path(path)
        if target.error is not None:
            break
        if stdout is not None and count % 200 == 0:
            stdout.write(f"{mirror.name}: {count} of {len(paths)} addresses")
    writer.finish()  # raises the mirror's error, recorded
    wanted = set(MirrorFile.objects.filter(mirror=mirror).values_list("key", flat=True))
    extra = sorted(key for key in set(store.keys()) - wanted if _within(key, editions))
    if extra:
        store.delete(extra)
    mirror.record_success()
    return len(paths), len(extra)


def _within(key, editions):
    """Whether a file belongs to what a resync of `editions` looks after (all of it when None; shared
    files such as /static/ and sitemaps only in a full resync)."""
    if editions is None:
        return True
    scope = scope_of("/" + key)
    return scope != GLOBAL and scope.split(":", 1)[1] in editions
