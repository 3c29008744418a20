from django.shortcuts import render
from django.utils import translation

from . import store


def offline_edition(request):
    """The edition's offline download: its ZIP with size and date (a page of the static output too)."""
    language = translation.get_language()
    manifest = store.manifest(language)
    context = {
        "manifest": manifest,
        "download_url": store.zip_url(language),  # not "url": the templates' url() function has that name
        "megabytes": round(manifest.size / 1_000_000, 1),
    }
    return render(request, "pages/offline_page.html", context)
