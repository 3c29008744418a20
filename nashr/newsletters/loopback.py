"""A real SMTP server on loopback (aiosmtpd, a development dependency), for the tests and the benchmark.

It keeps every message it accepts (parsed) and can refuse chosen recipients, like a real server would.
"""

import email
import socket
import threading
from collections import Counter
from email import policy


class Recorder:
    """aiosmtpd handler: accepts everything except the addresses in `refuse`; keeps what it accepted."""

    def __init__(self, refuse=(), keep=True):
        self.refuse = set(refuse)
        self.keep = keep
        self.messages = []  # (recipients, email.message.EmailMessage), in arrival order
        self.count = 0
        self.received = Counter()  # recipient -> messages accepted for them
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default) if self.keep else None
        with self.lock:
            self.count += 1
            self.received.update(a.lower() for a in envelope.rcpt_tos)
            if self.keep:
                self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackSMTP:
    """`with LoopbackSMTP() as smtp:` a server on 127.0.0.1:`smtp.port`, its Recorder as `smtp.recorder`."""

    def __init__(self, refuse=(), keep=True):
        self.recorder = Recorder(refuse, keep)
        self.controller = None
        self.port = None

    def __enter__(self):
        from aiosmtpd.controller import Controller

        for attempt in range(5):
            self.port = free_port()
            controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
            try:
                controller.start()
            except (OSError, RuntimeError):  # the port was taken meanwhile by someone else's test
                if attempt == 4:
                    raise
                continue
            self.controller = controller
            return self

    def __exit__(self, *exc):
        self.controller.stop()

    def settings(self):
        """Django settings that send through this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }


def serve_counting(port_out, count, stop):
    """A server in a process of its own (the benchmark's): puts its port in `port_out` (a Queue), keeps the
    number of messages accepted in `count` (a Value) until `stop` (an Event) is set."""
    with LoopbackSMTP(keep=False) as smtp:
        port_out.put(smtp.port)
        while not stop.wait(0.05):
            count.value = smtp.recorder.count
        count.value = smtp.recorder.count
