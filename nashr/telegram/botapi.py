"""The few Bot API methods a channel needs, over plain HTTPS (requests).

Every method is a POST to `{NASHR_TELEGRAM_API}/bot<token>/<method>`; Telegram answers
`{"ok": true, "result": ...}` or `{"ok": false, "error_code": N, "description": "...", "parameters":
{"retry_after": s}}`. Errors are raised as `TelegramError`, which says whether trying again later can help.
The token is part of the address: it is kept out of every message this module raises.
"""

import json

import requests
from django.conf import settings


class TelegramError(Exception):
    def __init__(self, method, code, description, retry_after=None):
        super().__init__(f"{method}: {code} {description}")
        self.method, self.code, self.description, self.retry_after = method, code, description, retry_after

    @property
    def transient(self):
        """Network trouble, flood control (429) and Telegram's own errors (5xx) pass; 400, 401, 403 do not."""
        return self.code is None or self.code == 429 or self.code >= 500

    def mentions(self, *phrases):
        text = self.description.lower()
        return any(phrase in text for phrase in phrases)


class BotAPI:
    def __init__(self, token, base=None, timeout=None):
        self.token = token
        self.base = (base or settings.NASHR_TELEGRAM_API).rstrip("/")
        self.timeout = timeout or settings.NASHR_TELEGRAM_TIMEOUT

    def call(self, method, data=None, files=None):
        """The method's `result`; raises TelegramError."""
        fields = {k: v for k, v in (data or {}).items() if v is not None}
        try:
            response = requests.post(
                f"{self.base}/bot{self.token}/{method}",
                data={k: _field(v) for k, v in fields.items()} if files else None,
                json=None if files else fields,
                files=files,
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            raise TelegramError(method, None, self._hide(f"no answer ({type(error).__name__})")) from None
        try:
            answer = response.json()
        except ValueError:
            answer = {"ok": False, "error_code": response.status_code, "description": response.reason or ""}
        if not isinstance(answer, dict) or not answer.get("ok"):
            answer = answer if isinstance(answer, dict) else {}
            retry_after = (answer.get("parameters") or {}).get("retry_after")
            code = answer.get("error_code") or response.status_code
            description = self._hide(str(answer.get("description") or response.reason or ""))
            raise TelegramError(method, code, description, retry_after)
        return answer.get("result")

    def _hide(self, text):
        return text.replace(self.token, "<token>") if self.token else text

    # The methods used

    def get_me(self):
        return self.call("getMe")

    def send_message(self, chat, text, preview_url=None):
        options = {"url": preview_url, "prefer_large_media": True} if preview_url else {"is_disabled": True}
        return self.call(
            "sendMessage",
            {"chat_id": chat, "text": text, "parse_mode": "HTML", "link_preview_options": options},
        )

    def send_photo(self, chat, photo, caption):
        """`photo`: (filename, bytes, content type), uploaded with the request."""
        return self.call(
            "sendPhoto", {"chat_id": chat, "caption": caption, "parse_mode": "HTML"}, files={"photo": photo}
        )

    def edit_text(self, chat, message_id, text, preview_url=None):
        options = {"url": preview_url, "prefer_large_media": True} if preview_url else {"is_disabled": True}
        data = {"chat_id": chat, "message_id": message_id, "text": text, "parse_mode": "HTML"}
        return self.call("editMessageText", {**data, "link_preview_options": options})

    def edit_caption(self, chat, message_id, caption):
        data = {"chat_id": chat, "message_id": message_id, "caption": caption, "parse_mode": "HTML"}
        return self.call("editMessageCaption", data)

    def edit_photo(self, chat, message_id, photo, caption):
        media = {"type": "photo", "media": "attach://photo", "caption": caption, "parse_mode": "HTML"}
        data = {"chat_id": chat, "message_id": message_id, "media": media}
        return self.call("editMessageMedia", data, files={"photo": photo})

    def delete_message(self, chat, message_id):
        return self.call("deleteMessage", {"chat_id": chat, "message_id": message_id})


def _field(value):
    return json.dumps(value) if isinstance(value, (dict, list, bool)) else value
