"""Where a mirror's files go: a bucket (django-storages' S3 backend over boto3) or a folder.

Both take a key relative to the mirror's root (`en/articles/index.html`) and the file's bytes, content type
and Cache-Control. A bucket gets text (HTML, feeds, CSS, JS, SVG) gzip-compressed with
`Content-Encoding: gzip`, since a bucket cannot compress on the fly and a reader behind a slow or filtered
link gains most from the smaller file; pictures and fonts, already compressed, go as they are (decision
0017). A folder gets what the static output has: the file, with `.gz` and `.br` beside text, for nginx's
gzip_static and brotli_static or for rsync.
"""

import gzip
import posixpath
from pathlib import Path

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

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


class BucketStore:
    def __init__(self, mirror):
        self.mirror = mirror
        self.prefix = mirror.prefix.strip("/")
        self.storage = S3Storage(
            access_key=mirror.access_key or None,
            secret_key=mirror.secret_key or None,
            bucket_name=mirror.bucket,
            endpoint_url=mirror.endpoint_url or None,
            region_name=mirror.region or None,
            location=self.prefix,
            # Path-style addresses work with every S3-compatible server, whatever its DNS.
            client_config=Config(
                s3={"addressing_style": "path"},
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 2, "mode": "standard"},
            ),
        )

    def key(self, relative):
        return posixpath.join(self.prefix, relative) if self.prefix else relative

    @property
    def client(self):
        return self.storage.connection.meta.client

    def check(self):
        """Raise StoreError unless the bucket exists and the keys may write to it."""
        try:
            self.client.head_bucket(Bucket=self.mirror.bucket)
        except (BotoCoreError, ClientError) as error:
            raise StoreError(explain(error, self.mirror.bucket)) from error

    def put(self, relative, body, content_type, cache_control):
        extra = {}
        if compressible(content_type):
            body = gzip.compress(body, 9, mtime=0)
            extra["ContentEncoding"] = "gzip"
        self._call(
            self.client.put_object,
            Bucket=self.mirror.bucket,
            Key=self.key(relative),
            Body=body,
            ContentType=with_charset(content_type),
            CacheControl=cache_control,
            **extra,
        )

    def delete(self, relatives):
        relatives = list(relatives)
        for start in range(0, len(relatives), 1000):  # S3's limit per request
            objects = [{"Key": self.key(r)} for r in relatives[start : start + 1000]]
            self._call(self.client.delete_objects, Bucket=self.mirror.bucket, Delete={"Objects": objects})

    def keys(self):
        """Every key under the prefix, relative to it."""
        start = f"{self.prefix}/" if self.prefix else ""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.mirror.bucket, Prefix=start)
        try:
            return [obj["Key"][len(start) :] for page in pages for obj in page.get("Contents", [])]
        except (BotoCoreError, ClientError) as error:
            raise StoreError(explain(error, self.mirror.bucket)) from error

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except (BotoCoreError, ClientError) as error:
            raise StoreError(explain(error, self.mirror.bucket)) from error


def explain(error, bucket):
    """What went wrong with a bucket, in words an operator can act on."""
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in ("NoSuchBucket", "404") or status == 404:
            return f"the bucket {bucket!r} does not exist at this endpoint"
        if code in ("SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied", "403") or status == 403:
            return f"the endpoint refused the access key or secret key ({code or status})"
        return f"the endpoint answered {code or status}: {error}"
    return f"the endpoint cannot be reached: {error}"


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
    return BucketStore(mirror) if mirror.kind == mirror.Kind.BUCKET else FolderStore(mirror)
