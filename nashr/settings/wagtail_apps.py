"""The apps of Wagtail and of Django that a Wagtail site lists last in INSTALLED_APPS, in Wagtail's order
(the project template's): Nashr's settings and the bare Wagtail site of `make bench` (bench/bare) share them.

Only data: the bare site imports it without Nashr's settings.
"""

WAGTAIL_APPS = [
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
