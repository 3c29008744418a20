"""The mirrors page of each edition and /mirrors.json: the healthy mirrors, for readers who cannot reach
the site (both are in the static output and on the mirrors themselves)."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from .announce import mirror_links, mirrors_json, onion_base


def mirrors_page(request):
    context = {"mirrors": mirror_links(get_language()), "onion": onion_base()}
    return TemplateResponse(request, "pages/mirrors_page.html", context)


def mirrors_document(request):
    return HttpResponse(mirrors_json(), content_type="application/json")
