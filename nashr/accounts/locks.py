"""Settings -> Sign-in locks: the locks in force (nashr/accounts/throttle.py), and lifting one. For those who
may change users."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from nashr.accounts import throttle


def allowed(request):
    return request.user.has_perm("users.change_user")


@never_cache
def locks(request):
    if not allowed(request):
        return permission_denied(request, PermissionDenied())
    return TemplateResponse(
        request,
        "accounts/locks.html",
        {"page_title": _("Sign-in locks"), "header_icon": "lock", "locks": throttle.current_locks()},
    )


@require_POST
def lift(request, pk):
    if not allowed(request):  # a 403, not Wagtail's redirect to the dashboard
        return permission_denied(request, PermissionDenied())
    lock = get_object_or_404(throttle.current_locks(), pk=pk)
    throttle.lift(lock, by=request.user)
    messages.success(request, _("Lock lifted: %(lock)s") % {"lock": lock})
    return redirect(reverse("signin_locks"))
