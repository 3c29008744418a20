"""`manage.py bench_telegram --fresh-database`: how long a piece takes from "Publish" to its post arriving in
the edition's Telegram channel, through a real worker process (`manage.py worker`, as `make serve` runs
it) and the Bot API stand-in (standin.py) on this machine.

It builds a small site with channels for the English and Farsi editions, then, one piece at a time
(half of them with a lead image, sent as a photo): publishes it and waits for sendMessage/sendPhoto,
updates its title and waits for the edit, unpublishes it and waits for deleteMessage. Reported: how long
the publish itself took, and median, 90th percentile and worst time from the start of each action (the
editor's click) to the call reaching the stand-in. The network to Telegram is not in the figure: add its
round trip (tens to hundreds of milliseconds) for a real channel.
"""

import io
import os
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale, Page, Site

from nashr.articles.models import ArticlePage
from nashr.core.bench import BenchCommand, percentile, uptime
from nashr.core.models import SectionPage
from nashr.home.models import HomePage
from nashr.images.models import NashrImage
from nashr.worker.models import WorkerProcess

from ...models import TelegramChannel
from ...standin import StandIn

PORTS = range(18350, 18400)
TOKENS = {"en": "900001:bench-en-token", "fa": "900002:bench-fa-token"}
CHATS = {"en": "@nashr_bench_en", "fa": "@nashr_bench_fa"}
TITLES = {"en": "Bench piece {n}: the river festival", "fa": "قطعهٔ آزمایشی {n}: جشنوارهٔ رود"}


class Command(BenchCommand):
    help = (
        "Publish → post, update → edit, unpublish → delete: time through a real worker to a Bot API stand-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pieces", type=int, default=20)
        super().add_arguments(parser)

    def handle(self, *args, pieces, fresh_database, **options):
        if pieces < 2:
            raise CommandError("--pieces must be 2 or more.")
        self.start(fresh_database, HomePage.objects.exists)
        seen = timezone.now() - timezone.timedelta(seconds=2 * settings.NASHR_WORKER_HEARTBEAT)
        if WorkerProcess.objects.filter(seen_at__gte=seen).exists():
            raise CommandError(
                "Another worker uses this database: stop it, or it would take the bench's tasks."
            )
        self.say(f"Database: {connection.vendor}; uptime: {uptime()}")
        sections = self.build_site()
        api = self.start_standin()
        worker = None
        try:
            worker = Worker(api.url)
            worker.wait_for_ready()
            self.run(api, sections, pieces)
        finally:
            if worker is not None:
                worker.stop()
            api.stop()
        self.say(f"uptime after: {uptime()}")

    def build_site(self):
        for code in ("en", "fa"):
            Locale.objects.get_or_create(language_code=code)
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        home = root.add_child(
            instance=HomePage(title="Nashr", slug="home", locale=Locale.objects.get(language_code="en"))
        )
        home.save_revision().publish()
        Site.objects.all().delete()
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Nashr"
        )
        fa_home = home.copy_for_translation(Locale.objects.get(language_code="fa"))
        fa_home.save_revision().publish()
        sections = {}
        for code, parent in (("en", home), ("fa", fa_home)):
            section = parent.add_child(instance=SectionPage(title="Articles", slug="articles"))
            section.save_revision().publish()
            sections[code] = section
            channel = TelegramChannel(locale=parent.locale, chat=CHATS[code])
            channel.set_token(TOKENS[code])
            channel.save()
        return sections

    def start_standin(self):
        chats = {chat: -1009000000000 - n for n, chat in enumerate(CHATS.values())}
        for port in PORTS:
            try:
                return StandIn({t: f"bench_{c}_bot" for c, t in TOKENS.items()}, chats, port=port).__enter__()
            except OSError:
                continue
        raise CommandError(f"No free port in {PORTS.start}-{PORTS.stop - 1} for the Bot API stand-in.")

    def run(self, api, sections, pieces):
        published, posted, edited, deleted = [], [], [], []
        for n in range(pieces):
            code = ("en", "fa")[n % 2]
            chat = CHATS[code]
            page = ArticlePage(
                title=TITLES[code].format(n=n + 1),
                slug=f"bench-{n + 1}",
                summary="A piece written for the benchmark. Its summary is two short sentences.",
                lead_image=picture(n) if n % 4 < 2 else None,
            )
            sections[code].add_child(instance=page)
            started = time.time()
            page.save_revision().publish()
            published.append(time.time() - started)
            posted.append(wait_for(api, ("sendMessage", "sendPhoto"), chat, started))

            page.title += " (updated)"
            started = time.time()
            page.save_revision().publish()
            edited.append(wait_for(api, ("editMessageText", "editMessageCaption"), chat, started))

            started = time.time()
            page.unpublish()
            deleted.append(wait_for(api, ("deleteMessage",), chat, started))
        self.say(f"{pieces} pieces (English and Farsi, half with a photo), one at a time:")
        self.say(f"  publish returned in {summary(published)}")
        self.say(f"  publish → post at the Bot API: {summary(posted)}")
        self.say(f"  update → edit: {summary(edited)}")
        self.say(f"  unpublish → delete: {summary(deleted)}")


def summary(values):
    ms = [v * 1000 for v in values]
    return f"median {percentile(ms, 0.5):.0f} ms, p90 {percentile(ms, 0.9):.0f} ms, worst {max(ms):.0f} ms"


def wait_for(api, methods, chat, since, timeout=60):
    """Seconds from `since` to the first call of `methods` for `chat` that arrived after it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in api.calls_of(*methods):
            if call.at >= since and call.params.get("chat_id") == chat:
                return call.at - since
        time.sleep(0.005)
    raise CommandError(f"No {'/'.join(methods)} for {chat} within {timeout} s: is the worker running?")


def picture(n):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), ((40 * n) % 256, 120, 160)).save(buffer, "JPEG", quality=85)
    return NashrImage.objects.create(
        title=f"Bench picture {n}", file=ImageFile(buffer, name=f"bench-{n}.jpg")
    )


class Worker:
    """`manage.py worker` in a process of its own, with the Bot API stand-in as its Telegram."""

    def __init__(self, api_url):
        env = {**os.environ, "NASHR_TELEGRAM_API": api_url, "PYTHONUNBUFFERED": "1"}
        manage = str(settings.BASE_DIR / "manage.py")
        self.process = subprocess.Popen(
            [sys.executable, manage, "worker", "--no-reload", "--no-startup-delay"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True)
        self.reader.start()

    def wait_for_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            if any("ready" in line for line in list(self.lines)):
                return
            time.sleep(0.05)
        raise CommandError("The worker did not start:\n" + "".join(self.lines[-20:]))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.reader.join(timeout=5)
        self.process.stdout.close()
