"""Staff sessions end: after NASHR_SESSION_IDLE_MINUTES without activity, and NASHR_SESSION_MAX_HOURS after
signing in whatever the activity. A session that has run out is signed out, and a visit to the admin is
sent to the sign-in page with a message saying why.

Only staff have sessions: a request without the session cookie (every reader) is passed on untouched, its
session never loaded nor created. The session is written when the last-activity stamp is a minute old or
more, not on every request. Wagtail's edit pages ping the server while they are open (editing sessions):
a ping keeps nobody's session alive, or a tab left open would never go idle.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SIGNED_IN = "nashr_signed_in_at"
ACTIVE = "nashr_active_at"
STAMP_EVERY = 60  # seconds: how stale the last-activity stamp may be before the session is written


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        return self.check(request) or self.get_response(request)

    def check(self, request):
        if not request.user.is_authenticated:
            return None
        session, now = request.session, time.time()
        signed_in, active = session.get(SIGNED_IN), session.get(ACTIVE)
        if signed_in is None or active is None:  # the first request after signing in
            session[SIGNED_IN] = session[ACTIVE] = now
            return None
        idle = settings.NASHR_SESSION_IDLE_MINUTES * 60
        if now - signed_in > settings.NASHR_SESSION_MAX_HOURS * 3600:
            reason = _("You were signed out: a session lasts %(hours)d hours at most. Sign in again.") % {
                "hours": settings.NASHR_SESSION_MAX_HOURS
            }
            return self.sign_out(request, reason)
        if now - active > idle:
            reason = _("You were signed out after %(minutes)d minutes without activity. Sign in again.") % {
                "minutes": settings.NASHR_SESSION_IDLE_MINUTES
            }
            return self.sign_out(request, reason)
        if now - active >= STAMP_EVERY and not self.is_ping(request.path):
            session[ACTIVE] = now
        return None

    @staticmethod
    def is_ping(path):
        return path.startswith(
            reverse("wagtailadmin_editing_sessions:release", args=[0]).rsplit("release/")[0]
        )

    @staticmethod
    def sign_out(request, reason):
        logout(request)  # flushes the session: the response deletes its cookie
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None  # a staff member reading the public site reads on, signed out
        messages.warning(request, reason)
        url = reverse("wagtailadmin_login")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
