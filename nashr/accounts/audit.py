"""Signing in, in Wagtail's audit log (Reports -> Site history, and each user's history).

Every success and failure of either step, every lock, lifted lock and revocation is one entry, logged on the
account it concerns (on the site, for a name that is no account). Addresses appear truncated only
(nashr/core/addresses.py).
"""

from django.contrib.auth import get_user_model
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action
from wagtail.models import Site

STEPS = {"password": _("password"), "second": _("second step")}
REASONS = {"wrong": _("wrong"), "waiting": _("too soon after a failure"), "locked": _("locked")}


def account(username):
    """The account a typed name signs in to, or None."""
    if not username:
        return None
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


def log(username_or_user, action, *, by=None, title=None, **data):
    """One entry for `action` on the account (a user, or a typed name), with `data` shown in its message;
    on the site, titled `title`, when there is no account (a name that is none is not kept)."""
    user = username_or_user
    if isinstance(username_or_user, str):
        user = account(username_or_user)
    if isinstance(user, LazyObject):  # request.user: Wagtail logs nothing for one not yet evaluated
        user = user._wrapped if user.pk and user._wrapped is not empty else None
    if user is not None:
        return log_action(user, action, user=by, data=data)
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is not None:
        return log_action(site, action, user=by, title=str(title or _("an unknown account")), data=data)
    return None


def step(data):
    return STEPS.get(data.get("step"), data.get("step", ""))


class SignIn(LogFormatter):
    label = _("Sign in")

    def format_message(self, log_entry):
        data = log_entry.data
        return _("Signed in (%(step)s) from %(address)s") % {
            "step": step(data),
            "address": data.get("address"),
        }


class SignInFailed(LogFormatter):
    label = _("Sign-in failed")

    def format_message(self, log_entry):
        data = log_entry.data
        return _("Sign-in failed (%(step)s, %(reason)s) from %(address)s") % {
            "step": step(data),
            "reason": REASONS.get(data.get("reason"), data.get("reason")),
            "address": data.get("address"),
        }


def lock_data(data):
    from nashr.accounts.models import SignInLock

    kind = dict(SignInLock.KINDS).get(data.get("kind"), data.get("kind"))
    return {**data, "kind": kind, "address": data.get("address") or "-"}


class Locked(LogFormatter):
    label = _("Sign-in locked")

    def format_message(self, log_entry):
        return _("Sign-in locked (%(kind)s, %(address)s) until %(until)s after %(failures)s failures") % (
            lock_data(log_entry.data)
        )


class LockLifted(LogFormatter):
    label = _("Sign-in lock lifted")

    def format_message(self, log_entry):
        return _("Sign-in lock lifted (%(kind)s, %(address)s)") % lock_data(log_entry.data)


class SignInRevoked(LogFormatter):
    label = _("Sign-in revoked")

    def format_message(self, log_entry):
        data = log_entry.data
        message = _("Sign-in revoked: %(devices)s devices removed, %(sessions)s sessions ended") % data
        if data.get("password_disabled"):
            message += " · " + str(_("password made unusable"))
        return message


FORMATTERS = {
    "nashr.sign_in": SignIn,
    "nashr.sign_in_failed": SignInFailed,
    "nashr.locked": Locked,
    "nashr.lock_lifted": LockLifted,
    "nashr.sign_in_revoked": SignInRevoked,
}
