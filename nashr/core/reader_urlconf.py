"""Readers' requests are routed without the admin's addresses (decision 0027).

Importing the whole URLconf (nashr/urls.py) imports Wagtail's admin URLs, which run every app's
`register_admin_urls` hook and import their views: 96 modules and 5.1 MB of every web worker, of which
a reader's page needs none (its URLconf, nashr/reader_urls.py, takes 1.9 MB). Django lets a middleware
route a request with another URLconf (`request.urlconf`); every `reverse()` made while it is served uses
that one too. This middleware gives a reader's request the readers' URLconf: a GET or HEAD outside the
admin's path, from a browser without a session (only staff sign in: readers have no accounts). Anything
else — the admin, a form posted, a signed-in editor reading the site with Wagtail's bar on top — is routed
with the whole URLconf, which then loads on that worker's first such request.
"""

from django.conf import settings

ADMIN_PATH = "/admin/"  # where Wagtail's admin answers (nashr/urls.py puts it there)


def is_readers_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not (request.path_info + "/").startswith(ADMIN_PATH)  # "/admin" too: it is sent on to "/admin/"
    )


class ReaderUrlconfMiddleware:
    """Put before anything that resolves or reverses addresses (LocaleMiddleware, CommonMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.urlconf = settings.NASHR_READER_URLCONF  # a site that adds addresses to ROOT_URLCONF: here too

    def __call__(self, request):
        if is_readers_request(request):
            request.urlconf = self.urlconf
        return self.get_response(request)
