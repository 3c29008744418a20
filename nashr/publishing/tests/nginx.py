"""A real nginx for tests, running docs/nginx/nashr.conf itself.

The template step replaces only the deployment's paths, port and upstream in that file (PLACEHOLDERS); the
snippets it includes (`include nashr/...`) are the files in docs/nginx/ themselves, found through a
symbolic link in the temporary folder nginx runs from. Debian's nginx (nginx-light is enough).
"""

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from django.conf import settings

DOCS = Path(settings.BASE_DIR) / "docs" / "nginx"
SITE_CONF = DOCS / "nashr.conf"
# What a deployment edits in nashr.conf, and so what a test may replace; all else runs as written.
PLACEHOLDERS = {
    "listen": "listen 80;",
    "upstream": "server 127.0.0.1:8000;",
    "output": "/srv/nashr/output",
    "static": "/srv/nashr/static/",
    "media": "/srv/nashr/media/",
    "access_log": "/var/log/nginx/nashr.access.log",
}

# Stands for Debian's /etc/nginx/nginx.conf: one worker, everything it writes in the temporary folder.
MAIN_CONF = """\
pid {work}/nginx.pid;
worker_processes 1;
events {{
    worker_connections 64;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/tmp/body;
    proxy_temp_path {work}/tmp/proxy;
    fastcgi_temp_path {work}/tmp/fastcgi;
    uwsgi_temp_path {work}/tmp/uwsgi;
    scgi_temp_path {work}/tmp/scgi;
    include {work}/sites-enabled/nashr.conf;
}}
"""


def nginx_binary():
    """The nginx executable (NASHR_NGINX, else PATH, else Debian's /usr/sbin/nginx), or None."""
    if "NASHR_NGINX" in os.environ:
        candidates = [os.environ["NASHR_NGINX"]]
    else:
        candidates = [shutil.which("nginx"), "/usr/sbin/nginx"]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def render(**values):
    """docs/nginx/nashr.conf with each placeholder named in `values` replaced by its value."""
    text = SITE_CONF.read_text()
    for name, value in values.items():
        placeholder = PLACEHOLDERS[name]
        if placeholder not in text:
            raise AssertionError(f"{SITE_CONF} no longer holds {placeholder!r}: update PLACEHOLDERS")
        text = text.replace(placeholder, value)
    return text


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """nginx with the rendered config in `work`: check() is `nginx -t`; start() serves on self.port."""

    def __init__(self, binary, work, *, upstream, output, static, media):
        self.binary = binary
        self.work = Path(work)
        self.port = free_port()
        self.process = None
        (self.work / "tmp").mkdir(parents=True, exist_ok=True)
        (self.work / "sites-enabled").mkdir(exist_ok=True)
        (self.work / "nashr").symlink_to(DOCS, target_is_directory=True)  # the snippets, as they are
        self.site_conf = self.work / "sites-enabled" / "nashr.conf"
        self.site_conf.write_text(
            render(
                listen=f"listen 127.0.0.1:{self.port};",
                upstream=f"server {upstream};",
                output=str(output),
                static=f"{str(static).rstrip('/')}/",
                media=f"{str(media).rstrip('/')}/",
                access_log=str(self.work / "access.log"),
            )
        )
        self.main_conf = self.work / "nginx.conf"
        self.main_conf.write_text(MAIN_CONF.format(work=self.work))
        self.error_log = self.work / "error.log"
        self.access_log = self.work / "access.log"

    def command(self, *extra):
        paths = ["-p", str(self.work), "-c", str(self.main_conf), "-e", str(self.error_log)]
        return [self.binary, *paths, *extra]

    def check(self):
        """`nginx -t`: (passed, what nginx said)."""
        result = subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=30)
        return result.returncode == 0, result.stderr

    def start(self):
        self.process = subprocess.Popen(self.command("-g", "daemon off;"), stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"nginx stopped at once: {self.process.stderr.read()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise AssertionError(f"nginx did not listen on port {self.port}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()

    def errors(self):
        return self.error_log.read_text() if self.error_log.exists() else ""

    def get(self, path, headers=None, method="GET"):
        """(status, headers as an http.client message, body) for `path` through nginx."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, headers={"Host": "localhost", **(headers or {})})
            response = connection.getresponse()
            return response.status, response.msg, response.read()
        finally:
            connection.close()
