"""A stand-in for a LibreTranslate server, run as its own process by the tests: `python -m
nashr.editions.tests.libretranslate_standin PORT [KEY]`.

It answers POST /translate as LibreTranslate does, in shape: {"translatedText": [...]} for a list of
texts. Its "translation" tells what it was asked: each text comes back as "[source>target] TEXT" with the
words in capitals. With "format": "html" the tags and their attributes are kept as they were, as
LibreTranslate keeps them; with "text" they are capitalised too, so a client that forgets the format
loses its placeholders. Errors as LibreTranslate sends them: 403 {"error": ...} for a wrong or missing
key (when KEY is given), 400 for a language it does not have (Albanian here), 400 for a body that is not
JSON.
"""

import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = {"en", "fa", "ar"}
TAG = re.compile(r"(<[^>]+>)")


def translate(text, source, target, form):
    if form == "html":
        text = "".join(part if TAG.fullmatch(part) else part.upper() for part in TAG.split(text))
    else:
        text = text.upper()
    return f"[{source}>{target}] {text}"


class Handler(BaseHTTPRequestHandler):
    key = ""

    def do_POST(self):  # noqa: N802 -- http.server's name
        if self.path != "/translate":
            return self.answer(404, {"error": "Not Found"})
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        except ValueError:
            return self.answer(400, {"error": "Invalid request: body is not JSON"})
        if self.key and body.get("api_key") != self.key:
            return self.answer(403, {"error": "Invalid API key"})
        source, target = body.get("source"), body.get("target")
        for code in (source, target):
            if code not in LANGUAGES:
                return self.answer(400, {"error": f"{code} is not supported"})
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        form = body.get("format", "text")
        translated = [translate(text, source, target, form) for text in texts]
        self.answer(200, {"translatedText": translated if isinstance(body["q"], list) else translated[0]})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002
        sys.stderr.write(format % args + "\n")


if __name__ == "__main__":
    Handler.key = sys.argv[2] if len(sys.argv) > 2 else ""
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("ready", flush=True)
    server.serve_forever()
