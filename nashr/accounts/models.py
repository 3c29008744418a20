from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInLockQuerySet(models.QuerySet):
    def current(self, now):
        return self.filter(locked_until__gt=now)


class SignInLock(models.Model):
    """A lock on signing in (nashr/accounts/throttle.py), until `locked_until`; an administrator may lift it.

    `key` is a keyed hash of what is locked (the account and the client's address, the address, or the
    account), so the full address is never stored; `address` is the truncated one, for people to read.
    """

    PAIR = "pair"
    ADDRESS = "address"
    ACCOUNT = "account"
    KINDS = [
        (PAIR, _("Account from one address")),
        (ADDRESS, _("Address, every account")),
        (ACCOUNT, _("Account, every address but known ones")),
    ]

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=8, choices=KINDS)
    username = models.CharField(max_length=150, blank=True)
    address = models.CharField(max_length=49, blank=True, help_text=_("Truncated: /24 or /48."))
    failures = models.PositiveIntegerField(default=0)
    locked_at = models.DateTimeField()
    locked_until = models.DateTimeField(db_index=True)

    objects = SignInLockQuerySet.as_manager()

    class Meta:
        ordering = ["-locked_at"]
        verbose_name = _("sign-in lock")

    def __str__(self):
        return " · ".join(part for part in (self.get_kind_display(), self.username, self.address) if part)
