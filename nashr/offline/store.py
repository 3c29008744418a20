"""Where an edition's bundle lives, and what it holds (its manifest): read by the download page, the
retraction hook and the worker's schedule.

Beside `NASHR_OFFLINE_DIR/<name>-<edition>.zip` sits `<edition>.json`: when it was built, its size, its pieces
and every page address it carries. Both are written to a temporary name and renamed into place.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from nashr.publishing.static import atomic_write


def folder():
    return Path(settings.NASHR_OFFLINE_DIR or Path(settings.MEDIA_ROOT) / "offline")


def zip_name(language):
    return f"{slugify(settings.WAGTAIL_SITE_NAME) or 'nashr'}-{language}.zip"


def zip_url(language):
    """Its address: under MEDIA_URL when the bundles sit in MEDIA_ROOT (the default), else None."""
    try:
        relative = folder().resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    except ValueError:
        return None
    return f"{settings.MEDIA_URL}{relative.as_posix()}/{zip_name(language)}".replace("/./", "/")


@dataclass
class Manifest:
    language: str
    built_at: object = None  # datetime
    size: int = 0
    pieces: list = field(default_factory=list)  # addresses of the posts
    pages: list = field(default_factory=list)  # every page address in it (posts, listings, home)
    seconds: float = 0.0

    @property
    def zip_path(self):
        return folder() / zip_name(self.language)

    @property
    def available(self):
        return self.built_at is not None and self.zip_path.exists()

    def save(self):
        data = {
            "language": self.language,
            "built_at": self.built_at.isoformat() if self.built_at else None,
            "size": self.size,
            "pieces": self.pieces,
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
        }
        atomic_write(folder() / f"{self.language}.json", json.dumps(data, ensure_ascii=False).encode())

    def withdraw(self):
        """Remove the ZIP at once (it holds a page no longer public); the manifest says it is gone."""
        self.zip_path.unlink(missing_ok=True)
        self.built_at, self.size = None, 0
        self.save()


def manifest(language):
    """The edition's manifest, or an empty one (no bundle yet)."""
    try:
        data = json.loads((folder() / f"{language}.json").read_text())
    except (OSError, ValueError):
        return Manifest(language)
    built_at = parse_datetime(data.get("built_at") or "")
    return Manifest(
        language,
        built_at,
        int(data.get("size") or 0),
        list(data.get("pieces") or []),
        list(data.get("pages") or []),
        float(data.get("seconds") or 0),
    )


def built_languages():
    return sorted(path.stem for path in folder().glob("*.json")) if folder().is_dir() else []


def stale(language, interval):
    """True when the edition has no bundle or one older than `interval` seconds."""
    found = manifest(language)
    return not found.available or (timezone.now() - found.built_at).total_seconds() > interval
