"""Mirrors: copies of the static output elsewhere (an S3-compatible bucket, a folder on this machine), and
onion services in front of the site's own nginx. What each carries, and how it fares (last push, last error,
files waiting, health seen from its public address)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nashr.caching.store import GLOBAL, scope_of
from nashr.core import secrets


class MirrorQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)

    def pushed(self):
        """Mirrors that get files (an onion service serves the site's own files through Tor)."""
        return self.enabled().exclude(kind=Mirror.Kind.ONION)

    def healthy(self):
        return self.enabled().filter(health=Mirror.Health.HEALTHY)

    def for_edition(self, code):
        return [m for m in self if m.carries_edition(code)]


class Mirror(models.Model):
    class Kind(models.TextChoices):
        BUCKET = "bucket", _("Object storage (S3-compatible)")
        FOLDER = "folder", _("Folder on this machine")
        ONION = "onion", _("Onion service")

    class Health(models.TextChoices):
        UNKNOWN = "unknown", _("Not checked yet")
        HEALTHY = "healthy", _("Up to date")
        STALE = "stale", _("Behind the site")
        UNREACHABLE = "unreachable", _("Unreachable")

    name = models.SlugField(_("name"), max_length=60, unique=True, help_text=_("Short name, e.g. bucket-eu."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BUCKET)
    enabled = models.BooleanField(_("enabled"), default=True)
    public_url = models.URLField(
        _("public address"),
        max_length=500,
        help_text=_("Where readers open it, e.g. https://bucket.example.net/news/ or http://xxx.onion/."),
    )
    editions = models.JSONField(
        _("editions"), default=list, blank=True, help_text=_("None chosen: every edition.")
    )
    endpoint_url = models.CharField(_("endpoint URL"), max_length=500, blank=True)
    bucket = models.CharField(_("bucket"), max_length=63, blank=True)
    region = models.CharField(_("region"), max_length=40, blank=True)
    access_key = models.CharField(_("access key"), max_length=200, blank=True)
    secret_key_encrypted = models.TextField(blank=True, editable=False)
    prefix = models.CharField(
        _("prefix"), max_length=200, blank=True, help_text=_("Folder inside the bucket.")
    )
    folder = models.CharField(_("folder"), max_length=500, blank=True, help_text=_("Absolute path."))

    last_success_at = models.DateTimeField(_("last push"), null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    pending = models.PositiveIntegerField(_("addresses waiting"), default=0, editable=False)
    health = models.CharField(
        _("health"), max_length=12, choices=Health.choices, default=Health.UNKNOWN, editable=False
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True, editable=False)
    health_detail = models.TextField(_("health detail"), blank=True, editable=False)
    behind_since = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MirrorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("mirror")
        verbose_name_plural = _("mirrors")

    def __str__(self):
        return self.name

    @property
    def secret_key(self):
        return secrets.decrypt("mirror.secret", self.secret_key_encrypted)

    @secret_key.setter
    def secret_key(self, value):
        self.secret_key_encrypted = secrets.encrypt("mirror.secret", value)

    @property
    def failing(self):
        return bool(self.last_error_at) and (
            not self.last_success_at or self.last_error_at > self.last_success_at
        )

    @admin.display(description=_("status"))
    def status(self):
        """Push and health at a glance, for the admin's listing."""
        parts = [str(self.get_health_display())]
        if self.failing:
            parts.append(_("failing: %(error)s") % {"error": self.last_error[:200]})
        if self.pending:
            parts.append(_("%(count)s addresses waiting") % {"count": self.pending})
        return " · ".join(parts)

    def edition_codes(self):
        return list(self.editions) or [code for code, _name in settings.LANGUAGES]

    def carries_edition(self, code):
        return not self.editions or code in self.editions

    def carries(self, path):
        """Whether the address `path` belongs on this mirror (its edition's, or outside every edition)."""
        scope = scope_of(path)
        return scope == GLOBAL or self.carries_edition(scope.split(":", 1)[1])

    def url_for(self, path, relative_file=None):
        """The absolute address of the site's `path` on this mirror: a bucket or folder serves files (with
        explicit index.html), an onion service the site's own addresses."""
        base = self.public_url.rstrip("/")
        if self.kind == self.Kind.ONION or relative_file is None:
            return base + path
        return f"{base}/{relative_file}"

    @property
    def onion_host(self):
        return urlsplit(self.public_url).hostname if self.kind == self.Kind.ONION else None

    # What the pushes and checks record

    def record_success(self):
        now = timezone.now()
        Mirror.objects.filter(pk=self.pk).update(last_success_at=now, pending=0)
        self.last_success_at, self.pending = now, 0

    def record_failure(self, error, pending):
        now = timezone.now()
        text = f"{type(error).__name__}: {error}"[:2000]
        Mirror.objects.filter(pk=self.pk).update(last_error_at=now, last_error=text, pending=pending)
        self.last_error_at, self.last_error, self.pending = now, text, pending


class MirrorFile(models.Model):
    """A file a mirror holds, as last pushed: what a push compares with, and what a removal deletes."""

    mirror = models.ForeignKey(Mirror, on_delete=models.CASCADE, related_name="files")
    key = models.CharField(max_length=1000)  # relative to the mirror's root (decoded)
    page = models.CharField(max_length=1000, blank=True, db_index=True)  # the address it renders; "" assets
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mirror", "key"], name="mirror_file_once")]
        verbose_name = _("mirrored file")

    def __str__(self):
        return self.key


class EditionStamp(models.Model):
    """When an edition last changed for readers (every change publishing acts on: a publish, a
    retraction, a comment, a menu): the stamp its home page carries, which the mirrors' checks compare
    with what each mirror serves. One row an edition, so the home reads it in one short query whatever
    the edition's size."""

    language_code = models.CharField(max_length=15, unique=True)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.language_code} {self.changed_at:%Y-%m-%dT%H:%M:%S.%fZ}"

    @classmethod
    def bump(cls, codes):
        """Every edition in `codes` changed now (one query)."""
        now = timezone.now()
        cls.objects.bulk_create(
            [cls(language_code=code, changed_at=now) for code in codes],
            update_conflicts=True,
            unique_fields=["language_code"],
            update_fields=["changed_at"],
        )
