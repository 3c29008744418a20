"""The worker's part: mailings (sending.py) and the confirmation mail of a signup (notices.py)."""

from django_tasks import task

from nashr.worker.retries import retries

from . import notices
from .sending import run_mailing


@task()
@retries(attempts=5, delay=30)  # a run that failed left nothing half-done (sending.py): safe to run again
def send_mailing(mailing_id):
    """Send for one slice (NASHR_NEWSLETTER_SLICE), then leave the worker to other tasks and continue."""
    sent, done = run_mailing(mailing_id)
    if not done:
        send_mailing.enqueue(mailing_id)
    return sent


@task()
def send_confirmation(subscriber_id, list_ids, language):
    notices.send_confirmation(subscriber_id, list_ids, language)
