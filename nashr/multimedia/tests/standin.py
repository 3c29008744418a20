"""A local stand-in for a PeerTube instance: its oEmbed answer and the thumbnail it names (tests have no
network). Serves on 127.0.0.1 at a free port; `requests` lists the paths asked for."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image


def png(width=320, height=180, color=(40, 90, 140)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


class VideoHostStandIn:
    def __init__(self, thumbnail=None, oembed_status=200):
        self.thumbnail = png() if thumbnail is None else thumbnail
        self.oembed_status = oembed_status
        self.requests = []
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                standin.requests.append(self.path)
                if self.path.startswith("/services/oembed") and standin.oembed_status == 200:
                    body = json.dumps({"type": "video", "thumbnail_url": f"{standin.origin}/thumb.png"})
                    self._send(200, "application/json", body.encode())
                elif self.path == "/thumb.png":
                    self._send(200, "image/png", standin.thumbnail)
                else:
                    self._send(404, "text/plain", b"not here")

            def _send(self, status, content_type, body):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
