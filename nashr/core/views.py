"""Error pages in the reader's edition (the edition comes from the URL prefix)."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered with as little as possible: no database, no context processors that may have failed.
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        html = loader.get_template("500.html").render({"language": language, "request": request})
    return HttpResponseServerError(html)
