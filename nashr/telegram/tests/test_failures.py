"""What goes wrong between us and Telegram: retried where waiting helps, said plainly where it does not."""

import logging
import socket
from datetime import timedelta
from types import SimpleNamespace

from django.test import TestCase, override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from .. import tasks
from ..botapi import BotAPI, TelegramError
from ..models import TelegramChannel, TelegramPost
from ..sync import sync
from .helpers import TOKEN_EN, StandInMixin, build_site, connect

RETRY_AFTER = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 7",
               "parameters": {"retry_after": 7}}  # fmt: skip
BAD_GATEWAY = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
KICKED = {"ok": False, "error_code": 403, "description": "Forbidden: bot was kicked from the channel chat"}


class FailureTests(StandInMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.sections, cls.channels = build_site()

    def setUp(self):
        super().setUp()
        for name in ("nashr.telegram", "django_tasks"):  # failures are the point here: kept out of the output
            logger = logging.getLogger(name)
            self.addCleanup(setattr, logger, "disabled", logger.disabled)
            logger.disabled = True

    def post(self):
        return TelegramPost.objects.get()

    def channel(self, language="en"):
        return TelegramChannel.objects.get(locale__language_code=language)

    def test_a_gateway_error_is_retried_and_the_retry_posts(self):
        self.api.fail("sendMessage", 502, BAD_GATEWAY)
        page = self.article(self.sections["en"], "Night market")
        post = self.post()
        self.assertEqual(post.state, TelegramPost.State.RETRYING)
        self.assertIn("Telegram had an error of its own (502)", post.error)
        self.assertIn("It will be tried again.", post.error)
        self.assertEqual(self.channel().pending_retries(), 1)
        self.assertEqual(self.sent(), [])

        result = tasks.sync_page.enqueue(page.pk)  # what the worker's retry runs
        self.assertEqual(result.return_value, "done")
        self.assertEqual(len(self.sent()), 1)
        self.assertEqual(self.post().state, TelegramPost.State.POSTED)
        self.assertEqual(self.channel().pending_retries(), 0)

    def test_the_task_fails_so_that_the_worker_retries_it(self):
        self.api.fail(
            "sendMessage", 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        )
        page = self.article(self.sections["en"], "Harbour")
        self.api.fail(
            "sendMessage", 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        )
        result = tasks.sync_page.enqueue(page.pk)
        self.assertEqual(result.status, "FAILED")
        self.assertIn("sendMessage: 500 Internal Server Error", result.errors[0].traceback)

    def test_flood_control_records_telegrams_wait(self):
        self.api.fail("sendMessage", 429, RETRY_AFTER)
        self.article(self.sections["en"], "Marathon")
        self.assertIn("wait 7 s", self.post().error)
        self.assertEqual(self.post().state, TelegramPost.State.RETRYING)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_flood_control_defers_the_task_by_telegrams_wait_when_the_backend_can(self):
        page = self.article(self.sections["en"], "Regatta")
        self.assertEqual(len(self.sent()), 0)  # the database backend only queued it
        self.api.fail("sendMessage", 429, RETRY_AFTER)
        before = timezone.now()
        answer = tasks.sync_page.func(SimpleNamespace(attempt=1), page.pk)  # as the worker runs it
        self.assertEqual(answer, "again after 7 s")
        later = DBTaskResult.objects.filter(
            run_after__gt=before, run_after__lt=before + timedelta(days=1)
        ).get()
        self.assertAlmostEqual((later.run_after - before).total_seconds(), 7, delta=2)
        self.assertEqual(later.args_kwargs["args"], [page.pk])

    def test_the_last_attempt_gives_up_and_says_what_to_do(self):
        self.api.fail("sendMessage", 502, BAD_GATEWAY, times=2)
        page = self.article(self.sections["en"], "Lantern parade")
        self.assertEqual(self.post().state, TelegramPost.State.RETRYING)
        sync(page.pk, last_attempt=True)  # the worker's last run raises nothing more to retry
        post = self.post()
        self.assertEqual(post.state, TelegramPost.State.FAILED)
        self.assertIn("publish the piece again to retry", post.error)
        self.assertEqual(self.channel().pending_retries(), 0)

    def test_telegram_out_of_reach_is_a_transient_failure(self):
        # A port bound and never listening refuses every connection, and no other test's stand-in can take
        # it (the parallel runner's other process once took the stopped stand-in's port and got the post).
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            with override_settings(NASHR_TELEGRAM_API=f"http://127.0.0.1:{closed.getsockname()[1]}"):
                self.article(self.sections["en"], "Ferry timetable")
        post = self.post()
        self.assertEqual(post.state, TelegramPost.State.RETRYING)
        self.assertIn("Telegram could not be reached (no answer (ConnectionError))", post.error)

    def test_a_refused_token_fails_at_once_and_says_to_ask_botfather(self):
        channel = self.channels["en"]
        channel.set_token("111111:revoked")
        channel.save()
        self.article(self.sections["en"], "Kite festival")
        post = self.post()
        self.assertEqual(post.state, TelegramPost.State.FAILED)
        self.assertIn("@BotFather", post.error)
        self.assertIn("@BotFather", self.channel().last_error)
        self.assertEqual(len(self.api.calls_of("sendMessage")), 1)  # not retried

    def test_an_unknown_channel_fails_and_says_to_check_its_name(self):
        TelegramChannel.objects.filter(pk=self.channels["en"].pk).update(chat="@no_such_channel")
        self.article(self.sections["en"], "Poetry evening")
        self.assertIn("Telegram knows no such channel", self.post().error)
        self.assertEqual(self.post().state, TelegramPost.State.FAILED)

    def test_a_bot_removed_from_the_channel_fails_and_says_to_add_it_back(self):
        self.api.fail("sendMessage", 403, KICKED)
        self.article(self.sections["en"], "Street piano")
        self.assertIn("add it to the channel as an administrator", self.post().error)
        self.assertEqual(self.post().state, TelegramPost.State.FAILED)

    def test_what_is_recorded_is_in_the_sites_language_whatever_was_active(self):
        """A Persian editor publishes, or the worker has just rendered a Persian page: the site's words."""
        self.api.fail("sendMessage", 403, KICKED)
        with translation.override("fa"):
            self.article(self.sections["fa"], "پیانوی خیابانی")
        self.assertIn("add it to the channel as an administrator", self.post().error)
        self.assertIn("add it to the channel as an administrator", self.channel("fa").last_error)

    def test_a_token_stored_under_another_key_asks_for_the_token_again(self):
        channel = TelegramChannel.objects.get(locale__language_code="en")
        with override_settings(NASHR_SECRETS_KEY="x" * 43 + "="):  # a key the site no longer has
            channel.set_token(TOKEN_EN)
            channel.save()
        self.article(self.sections["en"], "Cycling lanes")
        self.assertIn("enter it again", self.post().error)
        self.assertEqual(self.api.calls, [])

    def test_the_token_is_kept_encrypted_and_out_of_error_messages(self):
        channel = connect("ar", "@nashr_en", TOKEN_EN)
        self.assertNotIn(TOKEN_EN, channel.token_encrypted)
        self.assertEqual(TelegramChannel.objects.get(pk=channel.pk).token, TOKEN_EN)
        with self.assertRaises(TelegramError) as raised:
            BotAPI(TOKEN_EN, base="http://127.0.0.1:9").get_me()
        self.assertNotIn(TOKEN_EN, str(raised.exception))
