"""The site's URLs plus uploaded files, which a web server serves in production (readers' requests are
routed with browser/reader_urls.py)."""

from nashr.urls import handler404, handler500
from nashr.urls import urlpatterns as site_urlpatterns

from .reader_urls import media

__all__ = ["handler404", "handler500", "urlpatterns"]

urlpatterns = [media, *site_urlpatterns]
