"""Settings of the demo site that the browser tests start: the dev settings as production would answer.

DEBUG is off so the 404 page is the site's own; uploads are served by Django (see `browser/urls.py`);
the contact form's rate limit is raised because every edition sends the form from one address.
"""

from nashr.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]  # passkeys need a name: browser/second_factor.py uses localhost
ROOT_URLCONF = "browser.urls"
NASHR_READER_URLCONF = "browser.reader_urls"
NASHR_FORM_RATE = {**NASHR_FORM_RATE, "contact": (1000, 600)}  # noqa: F405
# No worker runs beside this site: tasks (the demo's search indexing) run where they are enqueued.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
