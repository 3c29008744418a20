"""Offline bundles follow the publishing pipeline (publishing/dependencies.py's `nashr_changed` hook), are
in the static output (their download pages) and are renewed by the worker's rounds when old
(nashr/worker/schedule.py's `nashr_worker_round`)."""

from django.urls import reverse
from django.utils import translation
from wagtail import hooks

from nashr.editions.published import published_editions

from . import store
from .tasks import rebuild_due, request_build


@hooks.register("nashr_changed")
def follow_change(editions, paths, gone):
    """A page of a bundle retracted: withdraw the bundle now, rebuild it; changed: rebuild it."""
    for language in store.built_languages() if editions is None else editions:
        manifest = store.manifest(language)
        inside = set(manifest.pages)
        if inside.isdisjoint(gone) and inside.isdisjoint(paths):
            continue
        if not inside.isdisjoint(gone) and manifest.available:
            manifest.withdraw()
        request_build(language)


@hooks.register("nashr_static_paths")
def download_pages():
    paths = []
    for language in published_editions():
        with translation.override(language):
            paths.append(reverse("offline_edition"))
    return paths


@hooks.register("nashr_worker_round", order=20)
def rebuild_old_bundles():
    rebuild_due()
