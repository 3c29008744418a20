import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashr.settings.production")

application = get_wsgi_application()

from nashr.core.garbage import collect_between_requests  # noqa: E402  (after the apps are loaded)

collect_between_requests()
