"""The readers' URLs plus uploaded files, which a web server serves in production (browser/urls.py adds the
admin's)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from nashr.reader_urls import handler404, handler500
from nashr.reader_urls import urlpatterns as reader_urlpatterns

__all__ = ["handler404", "handler500", "media", "urlpatterns"]

media = re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
urlpatterns = [media, *reader_urlpatterns]
