"""A real SMTP server on loopback for tests (aiosmtpd), on a free port, and the settings to send to it."""

import socket
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from django.test import override_settings


class _Inbox:
    def __init__(self):
        self.messages = []  # (envelope sender, recipients, email.message.EmailMessage)

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackSMTP:
    """`with LoopbackSMTP() as smtp:` Django's SMTP backend sends to it; `smtp.messages` is what arrived."""

    def __enter__(self):
        self.inbox = _Inbox()
        for attempt in range(5):  # another process may take the port between the probe and the bind
            self.port = _free_port()
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
            try:
                self.controller.start()
                break
            except (OSError, RuntimeError):
                if attempt == 4:
                    raise
        self.settings = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=self.port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_TIMEOUT=10,
        )
        self.settings.enable()
        return self

    def __exit__(self, *exc):
        self.settings.disable()
        self.controller.stop()

    @property
    def messages(self):
        return self.inbox.messages

    def wait_for(self, count, timeout=10):
        """The messages once `count` have arrived (SMTP hands them over before the sender returns)."""
        deadline = time.monotonic() + timeout
        while len(self.inbox.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.inbox.messages
