from django.conf import settings
from django.utils import translation

from .editions import get_edition


def edition(request):
    return {
        "edition": get_edition(translation.get_language()),
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
    }
