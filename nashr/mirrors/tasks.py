"""The mirrors' own background tasks: a failing mirror's retry, a resync, the health round."""

from django.conf import settings
from django_tasks import task

from nashr.publishing.static import StaticWriter
from nashr.worker.retries import retries

from .models import Mirror


@task()
@retries(attempts=settings.NASHR_MIRROR_ATTEMPTS)
def push_to_mirror(mirror_id, paths):
    """Push `paths` to one mirror that failed on them; raises (and so is retried, with backoff) while the
    mirror still fails. A mirror disabled or deleted since is left alone."""
    from .push import MirrorsOutput

    mirror = Mirror.objects.filter(pk=mirror_id, enabled=True).exclude(kind=Mirror.Kind.ONION).first()
    if mirror is None:
        return 0
    writer = StaticWriter(None, [MirrorsOutput([mirror], strict=True)])
    for path in paths:
        writer.write_path(path)
    writer.finish()
    return len(paths)


@task()
def resync_mirror(mirror_id, editions=None):
    from .resync import resync

    mirror = Mirror.objects.filter(pk=mirror_id, enabled=True).first()
    return resync(mirror, editions) if mirror is not None else 0


@task()
@retries(attempts=1)
def check_mirrors_task():
    from .health import check_all

    return len(check_all())
