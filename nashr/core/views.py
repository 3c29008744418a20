"""Wagtail's page view routed in one query (core/routing.py); error pages in the reader's edition (the
edition comes from the URL prefix)."""

from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from wagtail.views import serve as wagtail_serve

from .routing import route_for_request


def serve(request, path):
    """Wagtail's page view (wagtail.views.serve), routed here first."""
    if not hasattr(request, "_wagtail_route_for_request"):  # Wagtail keeps the route there for the request
        try:
            request._wagtail_route_for_request = route_for_request(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_serve(request, path)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered with as little as possible: no database, no context processors that may have failed.
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        html = loader.get_template("500.html").render({"language": language, "request": request})
    return HttpResponseServerError(html)
