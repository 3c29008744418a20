"""A site with a channel per edition and the Bot API stand-in, for the Telegram tests."""

import errno

from django.test import override_settings
from wagtail.models import Locale

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, publish, translate

from ..models import TelegramChannel
from ..standin import StandIn

PORTS = range(18300, 18350)  # this app's test servers; the bench uses 18350-18399
TOKEN_EN, TOKEN_FA = "111111:en-token-AAAA", "222222:fa-token-BBBB"
CHATS = {"@nashr_en": -1001000000001, "@nashr_fa": -1001000000002, "-1001000000003": -1001000000003}


def start_standin(tokens=None, chats=None, ports=PORTS):
    """The stand-in, listening on the first free port of `ports`."""
    tokens = tokens or {TOKEN_EN: "nashr_en_bot", TOKEN_FA: "nashr_fa_bot"}
    for port in ports:
        try:
            return StandIn(tokens, chats or CHATS, port=port).__enter__()
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
    raise OSError(f"no free port in {ports.start}-{ports.stop - 1}")


def connect(language, chat, token, **fields):
    channel = TelegramChannel(locale=Locale.objects.get(language_code=language), chat=chat, **fields)
    channel.set_token(token)
    channel.save()
    return channel


def build_site():
    """Four editions, an Articles section in English and in Farsi, and channels for both."""
    homes = build_editions()
    english = add_section(homes["en"], "Articles")
    sections = {"en": english, "fa": translate(english, "fa", title="مقاله‌ها")}
    channels = {"en": connect("en", "@nashr_en", TOKEN_EN), "fa": connect("fa", "@nashr_fa", TOKEN_FA)}
    return homes, sections, channels


class StandInMixin:
    """Starts the stand-in for each test (stopped at its end, even on failure) and points the client at it."""

    def setUp(self):
        super().setUp()
        self.api = start_standin()
        self.addCleanup(self.api.stop)
        self.enterContext(override_settings(NASHR_TELEGRAM_API=self.api.url, NASHR_TELEGRAM_TIMEOUT=5))

    def acting(self):
        """Runs what the change asks of the worker when it commits (tests use the immediate backend)."""
        return self.captureOnCommitCallbacks(execute=True)

    def publish(self, page):
        with self.acting():
            return publish(page)

    def article(self, section, title, **fields):
        with self.acting():
            return make_article(section, title, **fields)

    def sent(self, chat="@nashr_en"):
        return list(self.api.channel(chat).values())
