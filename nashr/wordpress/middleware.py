"""Old WordPress links by query string (`/?p=12`, `/?page_id=7`, `/?attachment_id=3`, `/?cat=4`).

They reach the site root, which answers with the edition chooser, not a 404, so Wagtail's redirect
middleware never sees them. This looks up the redirect the importer stored for exactly that query.
"""

from django import http
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag")


class OldQueryLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.GET:
            key = next((key for key in QUERY_KEYS if request.GET.get(key)), None)
            if key is not None:
                path = request.path if request.path not in ("/index.php", "") else "/"
                if path.endswith("/index.php"):
                    path = path[: -len("index.php")]
                old = Redirect.normalise_path(f"{path}?{key}={request.GET[key]}", decode_unicode=False)
                redirect = get_redirect(request, old)
                if redirect is not None and redirect.link is not None:
                    if redirect.is_permanent:
                        return http.HttpResponsePermanentRedirect(redirect.link)
                    return http.HttpResponseRedirect(redirect.link)
        return self.get_response(request)
