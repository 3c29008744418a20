"""Stage 4, attachments: WordPress attachments become images and documents, before the posts that show them.

Which attachments the importer takes, and where their files are:

An attachment becomes an image (WAGTAILIMAGES_EXTENSIONS) or a document (WAGTAILDOCS_EXTENSIONS): exactly
the types the admin accepts from an editor. Anything else (`.html`, `.svg`, `.js`, `.php`...) would be served
from the site's own origin, where a page or script it holds runs with the site's authority, so it is skipped
with its type named in the report. So is an attachment whose address cannot name a file (a NUL byte or
another control character, usually from `%00` in the URL).
"""

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.documents import get_document_model

from nashr.images.models import NashrImage

from .ledger import checksum
from .redirects import old_paths
from .scan import url_key

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


class Attachments:
    def __init__(self, run):
        self.run = run

    def add(self, item):
        """Import one attachment (or skip it, saying why in the report)."""
        run = self.run
        edition = run.editions.of_item(item)
        if run.uploads is None:
            run.report.add("attachment", edition.code, "skipped", "no --uploads folder given")
            return
        located = locate(item, run.uploads)
        if located.path is None:
            run.report.add("attachment", edition.code, "skipped", located.reason)
            if located.note:
                run.report.notes.append(
                    f"attachment {item.wp_id} ({item.title[:60]}) skipped: {located.note}"
                )
            return
        model = NashrImage if located.is_image else get_document_model()
        instance, digest = run.ledger.existing("attachment", item.wp_id, "", model)
        new_digest = checksum(asdict(item), located.path.stat().st_size)
        if instance is not None and digest == new_digest:
            run.report.add("attachment", edition.code, "unchanged")
            return
        outcome = "updated" if instance else "created"
        if not run.dry_run:
            with transaction.atomic():
                self.save(item, located, model, instance, new_digest, edition.code)
        run.report.add("attachment", edition.code, outcome)

    def save(self, item, located, model, instance, digest, language):
        path, is_image = located.path, located.is_image
        alt = item.meta.get("_wp_attachment_image_alt", "")
        alt = alt if isinstance(alt, str) else ""
        metadata = item.meta.get("_wp_attachment_metadata", "")
        credit = re.search(r's:6:"credit";s:\d+:"([^"]*)"', metadata) if isinstance(metadata, str) else None
        title = (item.title or path.name)[:255]
        if instance is None:
            with path.open("rb") as handle:
                if is_image:
                    instance = NashrImage(title=title, file=ImageFile(handle, name=path.name))
                    fill_image(instance, item, alt, credit, language)
                else:
                    instance = model(title=title, file_size=path.stat().st_size)
                    instance.file.save(path.name, File(handle), save=False)
                instance.save()
        else:
            instance.title = title
            if is_image:
                fill_image(instance, item, alt, credit, language)
            instance.save()
        data = {
            "title": item.title,
            "caption": item.excerpt,
            "description": item.content,
            "alt": alt,
            "url": item.attachment_url,
            "custom_fields": item.meta,
        }
        self.run.ledger.remember("attachment", item.wp_id, "", instance, digest, data)
        target = instance.file.url if is_image else instance.url
        self.run.redirects.add(old_paths(item, "attachment", self.run.base_path), link=target)

    def find_image(self, wp_id, src):
        """The image imported from attachment `wp_id`, or from the file at address `src`; or None."""
        if not wp_id and src:
            wp_id = self.run.scan.attachment_by_url.get(url_key(src))
        if not wp_id:
            return None
        image, _ = self.run.ledger.existing("attachment", wp_id, "", NashrImage)
        return image if isinstance(image, NashrImage) else None


def fill_image(image, item, alt, credit, language):
    """The attachment's texts are the image's own, in the language of the post it came with."""
    image.language = language
    image.description = (alt or item.title)[:255]
    image.default_caption = strip_tags(item.excerpt).strip()[:500]
    if credit and credit.group(1):
        image.credit = credit.group(1)[:255]
