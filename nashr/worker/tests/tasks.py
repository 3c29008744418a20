"""Tasks the worker tests enqueue; the worker process imports them from here."""

import os
import time
from pathlib import Path

from django_tasks import task

from nashr.worker.retries import retries


@task()
def where_am_i():
    """The process that ran it."""
    return os.getpid()


@task(takes_context=True)
def slow_the_first_time(context, marker):
    """On its first run, writes `marker` and then takes a minute (the test kills its worker meanwhile)."""
    if context.attempt == 1:
        Path(marker).write_text(str(os.getpid()))
        time.sleep(60)
    return context.attempt


@task(takes_context=True)
def fails_the_first_time(context):
    if context.attempt == 1:
        raise RuntimeError("first run fails")
    return context.attempt


@task()
@retries(attempts=2, delay=0.2)
def always_fails():
    raise RuntimeError("never works")
