"""Serving pages, and error pages in the reader's edition (the edition comes from the URL prefix)."""

from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from wagtail import hooks, wagtail_hooks
from wagtail.views import serve_chain

from . import restrictions
from .routing import route_for_request

# Wagtail's hooks replaced by ours that do the same with less reading.
serve_hooks = {wagtail_hooks.check_view_restrictions: restrictions.check_view_restrictions}


def serve(request, path):
    """Wagtail's page view (`wagtail.views.serve`, with its hooks), routed by `routing.route_for_request`, and
    with the view restrictions checked only for pages in a private section (`restrictions`)."""
    route = route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = serve_hooks.get(fn, fn)(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered with as little as possible: no database, no context processors that may have failed.
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        html = loader.get_template("500.html").render({"language": language, "request": request})
    return HttpResponseServerError(html)
