"""A portable copy of the static output in a folder: every page made portable (portable.py) and the
/static/ and /media/ files the pages use copied beside them, so the folder opens from `file://`, a USB stick
or any web server without the site's configuration (rsync it to a mirror host, zip it).

`copy_portable(source, target)` reads a static output folder (publish_static) and writes the copy; the
compressed `.gz`/`.br` siblings are left out (a folder has no content negotiation).
"""

import re
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

from .portable import portable

TYPES = {".html": "text/html", ".css": "text/css"}
PAGE_FILE = re.compile(r"^index(?:\.page-(\d+))?\.html$")


def address_of(relative):
    """The URL path a file of the static output was written for: `fa/articles/index.page-3.html` ->
    `/fa/articles/?page=3`, `fa/index.html` -> `/fa/`, `sitemap.xml` -> `/sitemap.xml`."""
    relative = Path(relative)
    match = PAGE_FILE.match(relative.name)
    if not match:
        return "/" + relative.as_posix()
    folder = relative.parent.as_posix()
    path = "/" if folder == "." else f"/{folder}/"
    return f"{path}?page={match[1]}" if match[1] else path


def asset_bytes(path):
    """(bytes, assets it names) of a /static/ or /media/ file, a stylesheet made portable; None if missing."""
    if path.startswith(settings.STATIC_URL):
        name = path.removeprefix(settings.STATIC_URL)
        found = finders.find(name)
        candidate = Path(settings.STATIC_ROOT) / name if settings.STATIC_ROOT else None
        if not found and candidate is not None and candidate.is_file():
            found = str(candidate)
        if not found:
            return None
        data = Path(found).read_bytes()
    elif path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if ".." in Path(name).parts or not default_storage.exists(name):
            return None
        with default_storage.open(name) as handle:
            data = handle.read()
    else:
        return None
    if path.endswith(".css"):
        made = portable(path, data, "text/css")
        return made.body, made.assets
    return data, []


def add_assets(files, assets):
    """Add to `files` ({relative name: bytes}) the assets and, for stylesheets, what they name in turn."""
    pending, seen = sorted(assets), set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        found = asset_bytes(path)
        if found is not None:
            files[path.lstrip("/")] = found[0]
            pending += [a for a in found[1] if a not in seen]


def copy_portable(source, target, primary=None):
    """Write the portable copy of the static output `source` into `target`; returns the number of files."""
    source, target = Path(source), Path(target)
    if primary is None:
        from nashr.editions.published import site_root_url

        primary = site_root_url()  # once, not once a page
    assets, count = set(), 0
    for file in sorted(source.rglob("*")):
        relative = file.relative_to(source)
        if not file.is_file() or file.suffix in (".gz", ".br") or relative.name.startswith("."):
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        kind = TYPES.get(file.suffix)
        if kind is None:
            shutil.copyfile(file, destination)
        else:
            made = portable(address_of(relative), file.read_bytes(), kind, primary=primary)
            destination.write_bytes(made.body)
            assets.update(made.assets)
        count += 1
    files = {}
    add_assets(files, assets)
    for name, data in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    return count + len(files)
