"""A real `manage.py worker` process posting to the stand-in over HTTP: publish, retry, take down."""

import time

from django.test import TransactionTestCase, override_settings, tag

from nashr.articles.tests.factories import make_article
from nashr.core.test_runner import SLOW
from nashr.core.tests.factories import publish
from nashr.worker.tests.processes import RunningWorker, shared_database, wait_until

from ..models import TelegramChannel, TelegramPost
from .helpers import build_site, start_standin


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
@tag(SLOW)
class WorkerTests(TransactionTestCase):
    def setUp(self):
        self.homes, self.sections, self.channels = build_site()
        self.api = start_standin()
        self.addCleanup(self.api.stop)
        self.database_url = self.enterContext(shared_database())
        self.worker = RunningWorker(
            self.database_url,
            NASHR_TELEGRAM_API=self.api.url,
            NASHR_TASK_RETRY_DELAY=0.2,
            NASHR_WORKER_HEARTBEAT=0.25,
            NASHR_SCHEDULE_INTERVAL=60,
        )
        self.addCleanup(self.worker.stop)
        self.worker.wait_for("ready", timeout=120)

    def arrived(self, chat, count):
        return lambda: len(self.api.channel(chat)) == count

    def test_the_worker_posts_a_published_piece_and_deletes_it_when_unpublished(self):
        started = time.time()
        page = make_article(self.sections["en"], "Spring fair", summary="Stalls of local makers.")
        self.assertIsNotNone(wait_until(self.arrived("@nashr_en", 1), 30), self.worker.output)
        [call] = self.api.calls_of("sendMessage")
        self.assertLess(call.at - started, 30)

        page.title = "Spring fair moves indoors"
        publish(page)
        edited = lambda: "indoors" in next(iter(self.api.channel("@nashr_en").values())).text  # noqa: E731
        self.assertIsNotNone(wait_until(edited, 30), self.worker.output)

        page.unpublish()
        self.assertIsNotNone(wait_until(self.arrived("@nashr_en", 0), 30), self.worker.output)
        done = lambda: TelegramPost.objects.get(page_id=page.pk).state == TelegramPost.State.DELETED  # noqa: E731
        self.assertIsNotNone(wait_until(done, 10))

    def test_a_failure_is_retried_by_the_worker_until_the_post_arrives(self):
        self.api.fail("sendMessage", 502, b"<html>502 Bad Gateway</html>", times=2)
        page = make_article(self.sections["fa"], "باران در تهران")
        self.assertIsNotNone(wait_until(self.arrived("@nashr_fa", 1), 60), self.worker.output)
        self.assertEqual(len(self.api.calls_of("sendMessage")), 3)
        self.assertIn("failed on run 1 of 6", self.worker.output)
        posted = lambda: TelegramPost.objects.get(page_id=page.pk).state == TelegramPost.State.POSTED  # noqa: E731
        self.assertIsNotNone(wait_until(posted, 10))  # written just after the call returned
        self.assertEqual(TelegramPost.objects.get(page_id=page.pk).error, "")
        self.assertEqual(TelegramChannel.objects.get(pk=self.channels["fa"].pk).pending_retries(), 0)
