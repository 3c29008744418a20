"""A stand-in for the Telegram Bot API on this machine, for tests and `manage.py bench_telegram`.

It answers the methods Nashr uses (getMe, sendMessage, sendPhoto, editMessageText, editMessageCaption,
editMessageMedia, deleteMessage) with the Bot API's response and error shapes, checks what Telegram checks
(token, chat, HTML parse mode, caption and text lengths, a photo in the upload), keeps the messages of each
channel and records every call. `fail(method, status, payload)` makes the next call of a method fail as
Telegram can (429 with retry_after, 5xx, 400, 403); `undeletable` marks messages Telegram would refuse to
delete (older than 48 hours without the right to delete).

    with StandIn(tokens={"123:abc": "nashr_bot"}, chats={"@nashr_en": -1001}) as api:
        settings.NASHR_TELEGRAM_API = api.url
"""

import html
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span", "blockquote"}
TOKEN = re.compile(
    r"<(/?)([a-z-]+)((?:\s+[a-z-]+=\"[^\"<>]*\")*)\s*>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);"
)
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


class Refusal(Exception):
    def __init__(self, code, description, **parameters):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


def parse_html(text):
    """The text a reader sees, or Refusal as Telegram's "can't parse entities"."""
    plain, stack, position = [], [], 0
    for match in TOKEN.finditer(text):
        between = text[position : match.start()]
        if "<" in between or "&" in between or ">" in between:
            where = position + min(
                i for i in (between.find("<"), between.find("&"), between.find(">")) if i >= 0
            )
            raise Refusal(
                400,
                f"Bad Request: can't parse entities: unsupported start tag or entity at byte offset {where}",
            )
        plain.append(between)
        position = match.end()
        closing, tag = match.group(1), match.group(2)
        if tag is None:
            plain.append(html.unescape(match.group(0)))
        elif tag not in TAGS:
            raise Refusal(400, f'Bad Request: can\'t parse entities: unsupported start tag "{tag}"')
        elif closing:
            if not stack or stack.pop() != tag:
                raise Refusal(400, f'Bad Request: can\'t parse entities: unmatched end tag "{tag}"')
        else:
            stack.append(tag)
    rest = text[position:]
    if "<" in rest or "&" in rest or ">" in rest:
        raise Refusal(400, "Bad Request: can't parse entities: unsupported start tag or entity at the end")
    if stack:
        raise Refusal(
            400,
            "Bad Request: can't parse entities: can't find end tag corresponding to start tag "
            f'"{stack[-1]}"',
        )
    plain.append(rest)
    return "".join(plain)


def utf16(text):
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    method: str
    token: str
    params: dict
    photo: bytes | None
    at: float  # time.time() when it arrived


@dataclass
class Posted:
    chat: str
    message_id: int
    kind: str  # "text" or "photo"
    text: str  # as readers see it
    html: str
    photo: bytes | None = None
    date: int = field(default_factory=lambda: int(time.time()))


class StandIn:
    def __init__(self, tokens, chats, port=0):
        self.tokens, self.chats = dict(tokens), dict(chats)
        self.calls, self.messages, self.undeletable = [], {}, set()
        self._failures, self._next_id, self._lock = {}, 100, threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self._thread.is_alive():
            self.server.shutdown()
            self._thread.join(10)
        self.server.server_close()

    def fail(self, method, status, payload=None, times=1):
        """The next `times` calls of `method` answer `status` with `payload` (the Bot API's JSON error, or
        bytes for a proxy's page)."""
        self._failures.setdefault(method, []).extend([(status, payload)] * times)

    def calls_of(self, *methods):
        return [call for call in list(self.calls) if call.method in methods]

    def channel(self, chat):
        """The messages now in a channel, by message id."""
        return {m.message_id: m for m in self.messages.values() if m.chat == chat}

    # Handling

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, answer = standin.handle(self.path, self.headers.get("Content-Type", ""), body)
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(status)
                ctype = "text/html" if isinstance(answer, bytes) else "application/json"
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler

    def handle(self, path, content_type, body):
        match = re.fullmatch(r"/bot([^/]+)/(\w+)", path)
        if not match:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        token, method = match.groups()
        params, photo = _read(content_type, body)
        with self._lock:
            self.calls.append(Call(method, token, params, photo, time.time()))
            failures = self._failures.get(method)
            if failures:
                status, payload = failures.pop(0)
                return status, payload
            if token not in self.tokens:
                return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            try:
                return 200, {"ok": True, "result": self._answer(token, method, params, photo)}
            except Refusal as refusal:
                answer = {"ok": False, "error_code": refusal.code, "description": refusal.description}
                if refusal.parameters:
                    answer["parameters"] = refusal.parameters
                return refusal.code, answer

    def _answer(self, token, method, params, photo):
        if method == "getMe":
            flags = ("can_join_groups", "can_read_all_group_messages", "supports_inline_queries")
            bot = {"id": 7000001, "is_bot": True, "first_name": "Nashr", "username": self.tokens[token]}
            return {**bot, **dict.fromkeys(flags, False)}
        chat = str(params.get("chat_id", ""))
        if chat not in self.chats:
            raise Refusal(400, "Bad Request: chat not found")
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            raise Refusal(404, "Not Found")
        return handler(chat, params, photo)

    def _sendMessage(self, chat, params, photo):
        text = parse_html(params.get("text", ""))
        if not text.strip():
            raise Refusal(400, "Bad Request: message text is empty")
        if utf16(text) > 4096:
            raise Refusal(400, "Bad Request: message is too long")
        return self._store(Posted(chat, self._new_id(), "text", text, params["text"]))

    def _sendPhoto(self, chat, params, photo):
        if not photo:
            raise Refusal(400, "Bad Request: there is no photo in the request")
        caption = parse_html(params.get("caption", ""))
        if utf16(caption) > 1024:
            raise Refusal(400, "Bad Request: message caption is too long")
        return self._store(Posted(chat, self._new_id(), "photo", caption, params.get("caption", ""), photo))

    def _existing(self, chat, params, action):
        message = self.messages.get((chat, int(params.get("message_id") or 0)))
        if message is None:
            raise Refusal(400, f"Bad Request: message to {action} not found")
        return message

    def _editMessageText(self, chat, params, photo):
        message = self._existing(chat, params, "edit")
        if message.kind != "text":
            raise Refusal(400, "Bad Request: there is no text in the message to edit")
        text = parse_html(params.get("text", ""))
        if params["text"] == message.html:
            raise Refusal(400, NOT_MODIFIED)
        message.text, message.html = text, params["text"]
        return self._as_json(message)

    def _editMessageCaption(self, chat, params, photo):
        message = self._existing(chat, params, "edit")
        if message.kind != "photo":
            raise Refusal(400, "Bad Request: there is no caption in the message to edit")
        caption = parse_html(params.get("caption", ""))
        if utf16(caption) > 1024:
            raise Refusal(400, "Bad Request: message caption is too long")
        if params.get("caption", "") == message.html:
            raise Refusal(400, NOT_MODIFIED)
        message.text, message.html = caption, params.get("caption", "")
        return self._as_json(message)

    def _editMessageMedia(self, chat, params, photo):
        message = self._existing(chat, params, "edit")
        media = json.loads(params.get("media") or "{}")
        if media.get("type") != "photo" or media.get("media") != "attach://photo" or not photo:
            raise Refusal(400, "Bad Request: wrong file identifier/HTTP URL specified")
        message.kind, message.photo = "photo", photo
        message.text, message.html = parse_html(media.get("caption", "")), media.get("caption", "")
        return self._as_json(message)

    def _deleteMessage(self, chat, params, photo):
        message = self._existing(chat, params, "delete")
        if message.message_id in self.undeletable:
            raise Refusal(400, "Bad Request: message can't be deleted")
        del self.messages[(chat, message.message_id)]
        return True

    def _new_id(self):
        self._next_id += 1
        return self._next_id

    def _store(self, message):
        self.messages[(message.chat, message.message_id)] = message
        return self._as_json(message)

    def _as_json(self, message):
        chat = {"id": self.chats[message.chat], "title": message.chat.lstrip("@"), "type": "channel"}
        if message.chat.startswith("@"):
            chat["username"] = message.chat[1:]
        answer = {"message_id": message.message_id, "sender_chat": chat, "chat": chat, "date": message.date}
        if message.kind == "photo":
            size = {"file_id": f"photo-{message.message_id}", "file_unique_id": f"u{message.message_id}",
                    "width": 1280, "height": 720, "file_size": len(message.photo or b"")}  # fmt: skip
            answer.update(photo=[size], caption=message.text)
        else:
            answer["text"] = message.text
        return answer


def _read(content_type, body):
    """The call's parameters (JSON or multipart form) and the uploaded photo's bytes."""
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}"), None
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        params, photo = {}, None
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if part.get_filename() is not None:
                photo = part.get_payload(decode=True)
            else:
                params[name] = part.get_payload(decode=True).decode()
        return params, photo
    return {}, None
