"""For tests of what a real worker process does after an action of another process (`processes.py`)."""

import time

from .processes import Actor, tail


class WorkerActions:
    """Mixed into a test case whose class has started `cls.worker` (`processes.start`) with `cls.env`, and
    keeps its logs in `cls.folder`: an action performed in a process of its own, and how long the worker takes
    to make its result show."""

    poll_seconds = 0.05  # how often `seconds_until` asks

    def act(self, *action):
        """Performs `action` in a process of its own; returns the time.monotonic() at which it had exited."""
        actor = Actor(self.env, self.folder, action)
        self.addCleanup(actor.stop)
        actor.wait_ready()
        return actor.act()

    def seconds_until(self, condition, since, timeout, what):
        """Seconds from `since` until `condition()` holds; fails after `timeout` seconds from `since`, or as
        soon as the worker has exited."""
        while not condition():
            if self.worker.poll() is not None:
                self.fail(f"the worker exited with {self.worker.returncode}: {tail(self.worker.log_path)}")
            if time.monotonic() > since + timeout:
                self.fail(f"{what} not within {timeout} s: {tail(self.worker.log_path)}")
            time.sleep(self.poll_seconds)
        return time.monotonic() - since
