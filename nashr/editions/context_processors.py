from django.utils import translation

from .editions import get_edition


def edition(request):
    return {"edition": get_edition(translation.get_language())}
