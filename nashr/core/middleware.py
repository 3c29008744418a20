"""Development only (`nashr.settings.dev`): what a reader gets for an address that finds nothing."""

from django.http import Http404

from nashr.core.views import page_not_found


class DesignedNotFoundMiddleware:
    """With DEBUG on, Django answers a missing page with its debug page; this answers with the site's own
    404 page, as readers get it in production. Nothing else changes: other errors keep their traceback, and
    the admin keeps Django's page. `NASHR_DEBUG_404=1` turns it off (the debug page lists the URL patterns).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and not request.path_info.startswith("/admin/"):
            return page_not_found(request, exception)
        return None
