"""Code run in a fresh Python process, for what this one cannot show: which modules, catalogs or data a
worker loads (the test process has loaded them all already)."""

import os
import subprocess
import sys

from django.conf import settings


def last_line(code, *args, **env):
    """The last line `python -c code args...` prints, with the test run's settings module (or env's)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "nashr.settings.test"),
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]
