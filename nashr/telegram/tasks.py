"""The worker's part: one task per changed page, which makes its channel posts match it (sync.py)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from nashr.worker.retries import retries

from .sync import Retry, sync

ATTEMPTS = 6  # runs in all: retried after 5, 10, 20, 40 and 80 s (NASHR_TASK_RETRY_DELAY doubled)


@task(takes_context=True)
@retries(attempts=ATTEMPTS)  # sync() compares before it sends: safe to run again
def sync_page(context, page_id):
    attempt = context.attempt
    try:
        sync(page_id, last_attempt=attempt >= ATTEMPTS)
    except Retry as retry:
        if retry.after and sync_page.get_backend().supports_defer:
            # Flood control names its own wait, which may be longer than our backoff.
            later = timezone.now() + timedelta(seconds=float(retry.after))
            sync_page.using(run_after=later).enqueue(page_id)
            return f"again after {retry.after} s"
        raise
    return "done"


def request_sync(page_ids):
    for page_id in dict.fromkeys(page_ids):
        sync_page.enqueue(page_id)
