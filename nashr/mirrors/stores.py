"""Where a mirror's files go: a bucket (django-storages' S3 backend over boto3, in bucket.py) or a folder.

Both take a key relative to the mirror's root (`en/articles/index.html`) and the file's bytes, content type
and Cache-Control. A bucket gets text (HTML, feeds, CSS, JS, SVG) gzip-compressed with
`Content-Encoding: gzip`, since a bucket cannot compress on the fly and a reader behind a slow or filtered
link gains most from the smaller file; pictures and fonts, already compressed, go as they are (decision
0017). A folder gets what the static output has: the file, with `.gz` and `.br` beside text, for nginx's
gzip_static and brotli_static or for rsync.
"""

from pathlib import Path

from nashr.publishing.static import write_with_copies

TEXT_TYPES = {
    "text/html",
    "text/css",
    "text/plain",
    "text/xml",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/feed+json",
    "application/manifest+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
}


class StoreError(Exception):
    """A mirror refused or could not be reached; the message says which and why, in plain words."""


def compressible(content_type):
    return content_type.split(";")[0].strip() in TEXT_TYPES


def with_charset(content_type):
    kind = content_type.split(";")[0].strip()
    text = kind.startswith("text/") or kind in TEXT_TYPES - {"image/svg+xml"}
    return f"{kind}; charset=utf-8" if text and "charset" not in content_type else content_type


class FolderStore:
    def __init__(self, mirror):
        self.root = Path(mirror.folder)

    def check(self):
        if not self.root.is_absolute():
            raise StoreError(f"the folder {str(self.root)!r} is not an absolute path")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"the folder {str(self.root)!r} cannot be created: {error.strerror}") from error
        if not self.root.is_dir():
            raise StoreError(f"{str(self.root)!r} is not a folder")

    def path(self, relative):
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.root.resolve()):
            raise StoreError(f"refusing to write outside the mirror's folder: {relative!r}")
        return target

    def put(self, relative, body, content_type, cache_control):
        target = self.path(relative)
        try:
            write_with_copies(target, body, compressible(content_type))
        except OSError as error:
            raise StoreError(f"cannot write {str(target)!r}: {error.strerror}") from error

    def delete(self, relatives):
        for relative in relatives:
            target = self.path(relative)
            for candidate in (
                target,
                target.with_name(target.name + ".gz"),
                target.with_name(target.name + ".br"),
            ):
                candidate.unlink(missing_ok=True)

    def keys(self):
        if not self.root.is_dir():
            return []
        return [
            str(p.relative_to(self.root))
            for p in self.root.rglob("*")
            if p.is_file() and p.suffix not in (".gz", ".br", ".tmp")
        ]


def store_for(mirror):
    if mirror.kind == mirror.Kind.BUCKET:
        # boto3 and botocore (some 17 MB) load only where a bucket is written or checked: a web worker
        # serving pages never does, so it never holds them.
        from .bucket import BucketStore

        return BucketStore(mirror)
    return FolderStore(mirror)
