"""`manage.py bench_newsletter --subscribers 10000 --fresh-database`: one issue sent to every subscriber of a
list through a real SMTP server on loopback (aiosmtpd, in a process of its own), as the worker sends it.

Reported per list size (a tenth of the subscribers, then all of them): the time to queue the recipients and
to send, messages a second, SQL statements per recipient, and how much the process's resident memory grew
while queueing and sending (sampled every 20 ms). Memory should not grow with the list: recipients are
read and sent a batch at a time. The server counts what it accepted, which
must be exactly one message per subscriber. `make bench-mail` runs it on SQLite and PostgreSQL.
"""

import multiprocessing
import os
import threading
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from nashr.core.bench import BenchCommand, uptime
from nashr.core.models import SectionPage
from nashr.home.models import HomePage
from nashr.publications.models import PeriodicalIssuePage

from ...loopback import serve_counting
from ...models import MailingList, Subscriber, Subscription
from ...sending import run_mailing, send_issue


class Statements:
    """Counts the SQL statements run on the default connection."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class ResidentMemory:
    """The most the process's resident memory grew above where it was at the start of the block."""

    def __enter__(self):
        self.start = self.peak = resident()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def sample(self):
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, resident())

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, resident())

    @property
    def growth(self):
        return self.peak - self.start


def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class Command(BenchCommand):
    help = "Time, memory and SQL of sending one issue to N subscribers through a loopback SMTP server."

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=10_000)
        super().add_arguments(parser)

    def handle(self, *args, subscribers, fresh_database, **options):
        if subscribers < 10:
            raise CommandError("--subscribers must be 10 or more.")
        self.start(fresh_database, lambda: HomePage.objects.exists() or MailingList.objects.exists())
        self.say(f"Database: {connection.vendor}; uptime: {uptime()}")
        section, lists = self.build_site(subscribers)
        context = multiprocessing.get_context("spawn")
        port_out, count, stop = context.Queue(), context.Value("l", 0), context.Event()
        server = context.Process(target=serve_counting, args=(port_out, count, stop), daemon=True)
        server.start()
        port = port_out.get(timeout=30)
        mail = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": port,
            "EMAIL_USE_TLS": False,
            "NASHR_NEWSLETTER_RATE": 0,
            "TASKS": {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        }
        try:
            with override_settings(**mail):
                for number, mailing_list in enumerate(lists, start=1):
                    issue = self.add_issue(section, number)
                    before = count.value
                    self.send(issue, mailing_list)
                    self.check_count(count, before + mailing_list.size)
        finally:
            stop.set()
            server.join(timeout=10)
        self.say(f"uptime after: {uptime()}")

    def check_count(self, count, expected):
        deadline = time.monotonic() + 10
        while count.value < expected and time.monotonic() < deadline:
            time.sleep(0.1)
        if count.value != expected:
            raise CommandError(f"the SMTP server accepted {count.value} messages in all, not {expected}")

    def send(self, issue, mailing_list):
        statements = Statements()
        with connection.execute_wrapper(statements), ResidentMemory() as memory:
            started = time.perf_counter()
            mailing = send_issue(issue, [mailing_list])
            run_mailing(mailing.pk, seconds=1e-9)  # renders and queues the recipients, sends nothing
            queued = time.perf_counter()
            done = False
            while not done:
                done = run_mailing(mailing.pk, seconds=3600)[1]
            finished = time.perf_counter()
        n = mailing_list.size
        sent = mailing.deliveries.filter(status="sent").count()
        send_time = finished - queued
        self.say(
            f"  {n:>7,} subscribers: queued in {queued - started:.2f} s, sent {sent:,} in {send_time:.1f} s "
            f"({sent / send_time:,.0f} messages/s), {statements.count / n:.2f} SQL statements per recipient, "
            f"resident memory +{memory.growth / 2**20:.1f} MiB"
        )

    def build_site(self, subscribers):
        locale, _ = Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Bench", slug="bench-home", locale=locale))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Bench"}
        )
        section = home.add_child(instance=SectionPage(title="Newsletter", slug="newsletter", locale=locale))
        started = time.perf_counter()
        now = timezone.now()
        people = Subscriber.objects.bulk_create(
            (Subscriber(email=f"reader{n}@example.org", language="en") for n in range(subscribers)),
            batch_size=2000,
        )
        lists = []
        for size in (subscribers // 10, subscribers):
            mailing_list = MailingList.objects.create(
                locale=locale, name=f"Bench {size}", slug=f"bench-{size}", kind="newsletter"
            )
            Subscription.objects.bulk_create(
                (
                    Subscription(
                        subscriber=person,
                        list=mailing_list,
                        status="subscribed",
                        confirmed_at=now,
                        requested_at=now,
                    )
                    for person in people[:size]
                ),
                batch_size=2000,
            )
            mailing_list.size = size
            lists.append(mailing_list)
        self.say(f"{subscribers:,} subscribers made in {time.perf_counter() - started:.1f} s")
        self.say(f"batch {settings.NASHR_NEWSLETTER_BATCH}, no rate limit, one SMTP connection per run")
        return section, lists

    def add_issue(self, section, number):
        issue = PeriodicalIssuePage(
            title=f"Weekly newsletter no. {number}",
            slug=f"issue-{number}",
            periodical="newsletter",
            number=number,
            summary="What happened this week, in a few lines.",
            body="<p>" + "A paragraph of the issue, as long as a real one. " * 40 + "</p>",
        )
        section.add_child(instance=issue)
        issue.save_revision().publish()
        issue.refresh_from_db()
        return issue
