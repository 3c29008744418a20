"""Throttled sign-in (decision 0015): failures slow down, then lock, per account and address, for a while.

Failures of either step (password, second-step code) are counted in the shared cache for a WINDOW, under
keyed hashes of the account's name with the client's address (the pair), of the address, and of the
account. Counters hold no address and vanish with their window. From DELAY_AFTER failures of a pair each
further try must wait, doubling; enough failures lock the pair, the address, or — briefly, and never from
an address the account completed a sign-in from — the whole account. Locks are rows (`SignInLock`) so that
an administrator can see and lift them; they expire on their own. A try while waiting or locked is refused
before the password or code is looked at (so it tells nothing about them) and counts as a failure.
Every failure, success, lock and lift is in the audit log (`nashr.accounts.audit`) with a truncated address.
"""

import hashlib
import hmac
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user

from nashr.accounts import audit
from nashr.accounts.models import SignInLock
from nashr.core.addresses import client_address, network, truncated

COUNT = "nashr:signin:count:"
WAIT = "nashr:signin:wait:"
KNOWN = "nashr:signin:known:"


def now():
    """Seconds since the epoch: every time the throttle reads (tests move it)."""
    return time.time()


def moment(seconds=None):
    return datetime.fromtimestamp(now() if seconds is None else seconds, tz=UTC)


def config(name):
    return settings.NASHR_SIGN_IN_THROTTLE[name]


def digest(*parts):
    text = "|".join(("sign-in", *parts))
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()[:40]


def count(key):
    """Adds a failure under `key` and returns the failures of the current window."""
    cache.add(COUNT + key, 0, timeout=config("WINDOW"))
    try:
        return cache.incr(COUNT + key)
    except ValueError:  # expired between add and incr
        cache.set(COUNT + key, 1, timeout=config("WINDOW"))
        return 1


@dataclass
class Refusal:
    until: float
    locked: bool

    @property
    def reason(self):
        return "locked" if self.locked else "waiting"

    @property
    def message(self):
        seconds = max(1, math.ceil(self.until - now()))
        if seconds > 90:
            minutes = math.ceil(seconds / 60)
            wait = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
        else:
            wait = ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
        return _("Too many failed sign-ins. Try again in %(wait)s.") % {"wait": wait}


class Attempt:
    """One try at a step of signing in, by the name typed (or the account of the session) from a client."""

    def __init__(self, request, username):
        self.username = (username or "").strip()
        name = self.username.casefold()  # counted alike however the name is typed
        address = client_address(request)
        self.address = truncated(address)  # the only form kept or shown
        holder = network(address)
        self.keys = {
            SignInLock.PAIR: digest("pair", name, holder),
            SignInLock.ADDRESS: digest("address", holder),
            SignInLock.ACCOUNT: digest("account", name),
        }
        self.known = KNOWN + digest("known", name, holder)

    def refusal(self):
        """A Refusal while this try must wait or is locked out, else None."""
        keys = list(self.keys.values())
        if cache.get(self.known):
            # Where the account's owner signed in before, only the pair's lock holds: an attacker who shares
            # the address (an office, a VPN, the onion service's 127.0.0.1) cannot lock the owner out there.
            keys = [self.keys[SignInLock.PAIR]]
        lock = SignInLock.objects.current(moment()).filter(key__in=keys).order_by("-locked_until").first()
        if lock is not None:
            return Refusal(lock.locked_until.timestamp(), locked=True)
        wait = cache.get(WAIT + self.keys[SignInLock.PAIR])
        if wait and wait > now():
            return Refusal(wait, locked=False)
        return None

    def address_locked(self):
        return SignInLock.objects.current(moment()).filter(key=self.keys[SignInLock.ADDRESS]).exists()

    def failed(self, step, refusal=None):
        """Counts a failure (a wrong password or code, or a refused try), slows the pair down, locks what
        passed its limit, and logs it."""
        counts = {kind: count(key) for kind, key in self.keys.items()}
        over = counts[SignInLock.PAIR] - config("DELAY_AFTER")
        if over >= 0:
            wait = min(2**over, config("MAX_DELAY"))
            cache.set(WAIT + self.keys[SignInLock.PAIR], now() + wait, timeout=wait + 1)
        audit.log(
            self.username,
            "nashr.sign_in_failed",
            step=step,
            address=self.address,
            reason=refusal.reason if refusal else "wrong",
        )
        for kind in (SignInLock.PAIR, SignInLock.ADDRESS, SignInLock.ACCOUNT):
            if counts[kind] >= config(f"{kind.upper()}_LOCK_AFTER"):
                self.lock(kind, counts[kind])

    def lock(self, kind, failures):
        """Locks `kind` for its time, unless it is locked already (a lock does not grow while it holds: no
        one can keep an account locked longer by trying on)."""
        current = SignInLock.objects.current(moment()).filter(key=self.keys[kind])
        if current.update(failures=failures):
            return
        SignInLock.objects.filter(locked_until__lte=moment()).delete()  # expired ones, all of them
        until = moment(now() + config(f"{kind.upper()}_LOCK"))
        _lock, created = SignInLock.objects.get_or_create(  # another process may have locked it just now
            key=self.keys[kind],
            defaults={
                "kind": kind,
                "username": self.username if kind != SignInLock.ADDRESS else "",
                "address": self.address if kind != SignInLock.ACCOUNT else "",
                "failures": failures,
                "locked_at": moment(),
                "locked_until": until,
            },
        )
        if not created:
            return
        audit.log(
            self.username if kind != SignInLock.ADDRESS else None,
            "nashr.locked",
            title=_("address %(address)s") % {"address": self.address},
            kind=kind,
            address=self.address if kind != SignInLock.ACCOUNT else "",
            failures=failures,
            until=until.strftime("%Y-%m-%d %H:%M:%S UTC"),
        )

    def succeeded(self, user, step, *, complete):
        """Logs a passed step. A complete sign-in (the last step passed) clears the pair's failures and
        remembers this address for the account (a keyed hash in the cache) against its account-wide lock."""
        audit.log(user, "nashr.sign_in", by=user, step=step, address=self.address)
        if complete:
            cache.delete_many([COUNT + self.keys[SignInLock.PAIR], WAIT + self.keys[SignInLock.PAIR]])
            cache.set(self.known, 1, timeout=config("KNOWN_ADDRESS_DAYS") * 86400)


def current_locks():
    return SignInLock.objects.current(moment())


@transaction.atomic
def lift(lock, *, by):
    """Ends a lock at once, forgets the failures that led to it, ends the waits of the account's devices
    after wrong codes, and logs it."""
    cache.delete_many([COUNT + lock.key, WAIT + lock.key])
    account = audit.account(lock.username) if lock.username else None
    if account is not None:
        for device in devices_for_user(account, confirmed=True):
            if hasattr(device, "throttle_reset"):
                device.throttle_reset()
    title = _("address %(address)s") % {"address": lock.address}
    audit.log(account, "nashr.lock_lifted", by=by, title=title, kind=lock.kind, address=lock.address)
    lock.delete()
