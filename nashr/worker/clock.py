"""A worker's two background threads: its heartbeat, and the rounds of scheduled publishing and recovery."""

import logging
import threading
import time

from django.db import close_old_connections, connection

logger = logging.getLogger("nashr.worker")


class Every(threading.Thread):
    """Calls `job()` now and then every `interval` seconds (from start to start) until `stop()`. An error is
    logged and the next round comes as planned. The thread has its own database connection."""

    def __init__(self, interval, job, name):
        super().__init__(name=name, daemon=True)  # a daemon: dies with the process, whatever it is doing
        self.interval = interval
        self.job = job
        self._stopped = threading.Event()

    def run(self):
        try:
            next_round = time.monotonic()
            while not self._stopped.is_set():
                close_old_connections()
                try:
                    self.job()
                except Exception:
                    logger.exception("%s failed; next round in %.1f s", self.name, self.interval)
                next_round += self.interval
                self._stopped.wait(max(0.0, next_round - time.monotonic()))
                next_round = max(next_round, time.monotonic() - self.interval)  # no burst after a long round
        finally:
            connection.close()

    def stop(self):
        self._stopped.set()
        self.join(timeout=self.interval + 5)
