"""Whether this process's worker has been asked to stop (Ctrl-C, SIGTERM from a deploy or systemd).

The worker lets its running task finish; a long one (a static output's sweep of a whole edition: minutes
at 50,000 articles) asks `requested()` between two steps, queues the rest as a task of its own and returns,
so that a restart is not held up by it and the next worker carries on."""

import threading

_requested = threading.Event()


def request():
    _requested.set()


def requested():
    return _requested.is_set()


def clear():
    """For tests, and for a process that goes on after its worker stopped."""
    _requested.clear()
