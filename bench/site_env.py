"""The benchmark site `make bench` builds (var/bench/nashr-2000.sqlite3), as the profiling scripts run it:
`use_bench_site()` puts the project on the path and sets the settings make bench's publish_static and
servers use (each may be overridden from the environment, DATABASE_URL for another site)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"


def use_bench_site():
    sys.path.insert(0, str(ROOT))
    defaults = {
        "DJANGO_SETTINGS_MODULE": "nashr.settings.production",
        "SECRET_KEY": "profile-only-not-secret",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{WORK / 'nashr-2000.sqlite3'}",
        "NASHR_VAR_DIR": str(WORK),
        "STATIC_ROOT": str(WORK / "static"),
        "LOG_LEVEL": "WARNING",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
