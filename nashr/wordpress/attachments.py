"""Which WordPress attachments the importer takes, and where their files are.

An attachment becomes an image (WAGTAILIMAGES_EXTENSIONS) or a document (WAGTAILDOCS_EXTENSIONS): exactly
the types the admin accepts from an editor. Anything else (`.html`, `.svg`, `.js`, `.php`...) would be served
from the site's own origin, where a page or script it holds runs with the site's authority, so it is skipped
with its type named in the report. So is an attachment whose address cannot name a file (a NUL byte or
another control character, usually from `%00` in the URL).
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings

IMAGE_EXTENSIONS = frozenset(f".{ext.lower()}" for ext in settings.WAGTAILIMAGES_EXTENSIONS)
DOCUMENT_EXTENSIONS = frozenset(f".{ext.lower()}" for ext in settings.WAGTAILDOCS_EXTENSIONS)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Located:
    path: Path | None  # the file to import, or None with `reason`
    reason: str = ""
    is_image: bool = False
    note: str = ""  # said about this one item in the report, beside the counted reason


def relative_name(item):
    """The file's path under the uploads folder, as WordPress recorded it or read from its address."""
    attached = item.meta.get("_wp_attached_file")
    if isinstance(attached, str) and attached:
        return attached
    url_path = unquote(urlparse(item.attachment_url or item.guid).path)
    return url_path.split("/uploads/", 1)[1] if "/uploads/" in url_path else url_path.rsplit("/", 1)[-1]


def locate(item, uploads):
    """Where the attachment's file is in `uploads`, or why it is not imported."""
    try:
        relative = relative_name(item)
    except ValueError as error:  # a malformed address (urlparse refuses "http://[")
        return Located(None, "address is malformed", note=f"address {item.attachment_url[:120]!r}: {error}")
    if CONTROL.search(relative):
        return Located(
            None,
            "address holds a NUL byte or a control character",
            note=f"address {item.attachment_url[:120]!r} names no file",
        )
    suffix = Path(relative).suffix.lower()
    if suffix not in IMAGE_EXTENSIONS | DOCUMENT_EXTENSIONS:
        return Located(None, f"type not accepted by the site: {suffix or 'no extension'}")
    candidate = (uploads / relative).resolve()
    if uploads.resolve() not in candidate.parents or not candidate.is_file():
        return Located(None, "file not in the uploads folder")
    if candidate.suffix.lower() != suffix:  # a link in the uploads folder pointing at another type
        return Located(None, f"type not accepted by the site: {candidate.suffix.lower() or 'no extension'}")
    return Located(candidate, is_image=suffix in IMAGE_EXTENSIONS)
