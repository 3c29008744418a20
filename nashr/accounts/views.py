import base64

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from nashr.accounts import factors, throttle
from nashr.accounts.forms import CodeForm, RevokeForm


def next_url(request, default=None):
    url = request.POST.get("next") or request.GET.get("next")
    allowed = url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure())
    return url if url and allowed else (default or reverse("wagtailadmin_home"))


def after_enrolment(request):
    """A first factor leads to recovery codes; a further one back to the list."""
    if factors.recovery_codes_left(request.user):
        return redirect(reverse("accounts:setup"))
    return redirect(reverse("accounts:recovery_codes") + "?next=" + next_url(request))


def page(request, template, title, **context):
    return TemplateResponse(
        request,
        template,
        {"page_title": title, "header_icon": "key", "next": next_url(request), **context},
    )


@never_cache
def setup(request):
    """The account's second factors, and the ways to add one."""
    user = request.user
    return page(
        request,
        "accounts/setup.html",
        _("Two-step verification"),
        passkeys=factors.passkeys(user),
        authenticator_apps=factors.authenticator_apps(user),
        recovery_codes_left=factors.recovery_codes_left(user),
        has_factor=factors.has_factor(user),
        may_change=factors.may_change_factors(request),
    )


def code_form(request, devices):
    """The second step's form. A code sent is throttled and logged like the password
    (nashr/accounts/throttle.py): refused unchecked while the account and address wait or are locked."""
    if request.method != "POST":
        return CodeForm(devices=devices)
    attempt = throttle.Attempt(request, request.user.get_username())
    refusal = attempt.refusal()
    form = CodeForm(request.POST, devices=devices, refusal=refusal.message if refusal else None)
    if form.is_valid():
        attempt.succeeded(request.user, "second", complete=True)
    else:
        attempt.failed("second", refusal)
    return form


@never_cache
def verify(request):
    """The second step: a passkey, or a code from the authenticator app or the recovery codes."""
    user = request.user
    if user.is_verified() or not factors.has_any_device(user):
        return redirect(next_url(request))
    devices = [*factors.authenticator_apps(user), *StaticDevice.objects.filter(user=user, confirmed=True)]
    form = code_form(request, devices)
    if form.is_bound and form.is_valid():
        otp_login(request, form.device)
        if isinstance(form.device, StaticDevice):
            messages.warning(
                request,
                _("You used a recovery code; %(left)d are left.")
                % {"left": factors.recovery_codes_left(user)},
            )
        return redirect(next_url(request))
    return page(
        request,
        "accounts/verify.html",
        _("Two-step verification"),
        form=form,
        has_passkey=factors.passkeys(user).exists(),
        has_code=bool(devices),
    )


@never_cache
def authenticator_app(request):
    """Shows a new authenticator app's key (as a QR code and as text) and confirms it with a first code."""
    if not factors.may_change_factors(request):
        return redirect(reverse("accounts:verify"))
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or request.method == "GET":
        device = factors.new_authenticator_app(user)
    form = CodeForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("The authenticator app is set up."))
        return after_enrolment(request)
    import segno  # only here: the QR code of an authenticator app being set up, not in every web worker

    return page(
        request,
        "accounts/authenticator_app.html",
        _("Set up an authenticator app"),
        form=form,
        qr_code=segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        secret=base64.b32encode(device.bin_key).decode(),
    )


@never_cache
def passkey(request):
    """Registers a passkey in the browser (django-otp-webauthn's script), then moves on."""
    if not factors.may_change_factors(request):
        return redirect(reverse("accounts:verify"))
    if factors.recovery_codes_left(request.user):
        done = reverse("accounts:setup")
    else:
        done = reverse("accounts:recovery_codes") + "?next=" + next_url(request)
    return page(request, "accounts/passkey.html", _("Add a passkey"), done=done)


@never_cache
def recovery_codes(request):
    """Makes new recovery codes on POST and shows them this once; older ones stop working."""
    user = request.user
    if not user.is_verified() or not factors.has_factor(user):
        return redirect(reverse("accounts:setup"))
    codes = factors.new_recovery_codes(user) if request.method == "POST" else None
    return page(
        request,
        "accounts/recovery_codes.html",
        _("Recovery codes"),
        codes=codes,
        left=factors.recovery_codes_left(user),
    )


@require_POST
def remove(request, kind, pk):
    if not request.user.is_verified():
        raise PermissionDenied
    devices = {"passkey": factors.passkeys, "app": factors.authenticator_apps}.get(kind)
    if devices is None:
        raise PermissionDenied
    factors.remove_factor(request.user, get_object_or_404(devices(request.user), pk=pk))
    messages.success(request, _("Removed."))
    return redirect(reverse("accounts:setup"))


@never_cache
def revoke(request, user_id):
    """For a compromised account: removes its passkeys, apps and recovery codes and ends its sessions."""
    if factors.second_step_pending(request):  # this prefix is open before the second step; revoking is not
        return redirect(reverse("accounts:verify"))
    account = get_object_or_404(get_user_model(), pk=user_id)
    if not request.user.has_perm("users.change_user") or (
        account.is_superuser and not request.user.is_superuser
    ):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices, sessions = factors.revoke(
            account, disable_password=form.cleaned_data["disable_password"], by=request.user
        )
        messages.success(
            request,
            _("%(user)s: %(devices)d devices removed, %(sessions)d sessions ended.")
            % {"user": account.get_username(), "devices": devices, "sessions": sessions},
        )
        if account == request.user:
            return redirect(reverse("wagtailadmin_login"))
        return redirect(reverse("wagtailusers_users:edit", args=[account.pk]))
    return page(
        request,
        "accounts/revoke.html",
        _("Revoke sign-in: %(user)s") % {"user": account.get_username()},
        account=account,
        form=form,
        devices=len(list(factors.devices_for_user(account, confirmed=None))),
    )
