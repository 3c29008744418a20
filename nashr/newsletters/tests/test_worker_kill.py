"""A real worker killed (SIGKILL) in the middle of a mailing, then another started: every subscriber gets the
issue exactly once, except that the one message in flight at the kill is never sent twice (sending.py)."""

from django.test import TransactionTestCase, override_settings, tag

from nashr.core.test_runner import SLOW
from nashr.worker.tests.processes import RunningWorker, shared_database, wait_until

from ..loopback import LoopbackSMTP
from ..models import Delivery, Mailing
from ..sending import send_issue
from .factories import build_site, make_issue, subscribe_many

READERS = 150


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
@tag(SLOW)
class KilledWorkerTests(TransactionTestCase):
    def start_worker(self, database_url, port):
        worker = RunningWorker(
            database_url,
            DJANGO_SETTINGS_MODULE="nashr.newsletters.tests.worker_settings",
            NASHR_TEST_SMTP_PORT=port,
            NASHR_WORKER_HEARTBEAT=0.25,
            NASHR_WORKER_LOST_AFTER=2,
            NASHR_SCHEDULE_INTERVAL=0.5,
            NASHR_NEWSLETTER_RATE=60,
            NASHR_NEWSLETTER_BATCH=20,
            NASHR_NEWSLETTER_STALE_AFTER=2,
        )
        self.addCleanup(worker.stop)
        worker.wait_for("ready", timeout=120)  # a loaded machine starts Django slowly
        return worker

    def test_a_worker_killed_mid_send_leaves_no_gap_and_sends_nothing_twice(self):
        site = build_site()
        issue = make_issue(site["newsletter"], 3)
        readers = subscribe_many(site["lists"]["newsletter"], READERS)
        smtp = self.enterContext(LoopbackSMTP())
        database_url = self.enterContext(shared_database())
        first = self.start_worker(database_url, smtp.port)

        mailing = send_issue(issue)  # committed at once: the worker takes its task
        self.assertIsNotNone(wait_until(lambda: smtp.recorder.count >= 40, 90), first.output)
        first.kill()
        at_kill = smtp.recorder.count
        self.assertLess(at_kill, READERS, "the worker finished before it was killed")

        second = self.start_worker(database_url, smtp.port)

        def finished():
            return Mailing.objects.get(pk=mailing.pk).status == Mailing.Status.SENT

        self.assertIsNotNone(wait_until(finished, 240), second.output)
        received = smtp.recorder.received
        uncertain = set(
            mailing.deliveries.filter(status=Delivery.Status.UNCERTAIN).values_list(
                "subscriber__email", flat=True
            )
        )
        self.assertLessEqual(len(uncertain), 1)  # the one in flight at the kill, if any
        for address in readers:
            if address in uncertain:
                self.assertIn(received[address], (0, 1), address)
            else:
                self.assertEqual(received[address], 1, address)
        self.assertEqual(set(received) - set(readers), set())
        self.assertEqual(mailing.progress()["sent"], READERS - len(uncertain))
        self.assertGreater(smtp.recorder.count, at_kill)  # the second worker sent the rest
