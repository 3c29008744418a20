"""The site's URLs plus uploaded files, which a web server serves in production."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from nashr.urls import handler404, handler500
from nashr.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
