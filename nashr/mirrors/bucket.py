"""A mirror's bucket: django-storages' S3 backend over boto3 (see stores.py for what a store does).

Its own module so that boto3 and botocore load only when a bucket mirror is written or checked
(`stores.store_for`), not in every process that imports the mirrors' hooks.
"""

import gzip
import posixpath

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from .stores import StoreError, compressible, with_charset


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
