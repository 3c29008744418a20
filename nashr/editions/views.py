from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from .editions import all_editions
from .urls import edition_url

COOKIE_AGE = 365 * 24 * 3600


def choose_edition(request, code):
    """Opens `next` (a page of edition `code`, else its home) and remembers the choice in the language
    cookie, so the site's root address opens that edition next time. The cookie holds the code, nothing else.
    """
    if code not in {edition.code for edition in all_editions()}:
        raise Http404
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if not (safe and target.startswith(f"/{code}/")):
        target = edition_url(code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
