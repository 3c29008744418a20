"""Two real worker processes, one digest due: exactly one draft."""

import datetime as dt

from django.test import TransactionTestCase, override_settings, tag
from django.utils import timezone
from wagtail.models import Locale

from nashr.core.test_runner import SLOW
from nashr.core.tests.factories import add_section, build_editions
from nashr.publications.models import DigestRun, DigestSchedule, PeriodicalIssuePage
from nashr.worker.tests.processes import RunningWorker, shared_database, wait_until

FAST = {"NASHR_WORKER_HEARTBEAT": 0.25, "NASHR_WORKER_LOST_AFTER": 2, "NASHR_SCHEDULE_INTERVAL": 0.3}


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
@tag(SLOW)
class DigestWorkersTests(TransactionTestCase):
    def test_two_workers_draft_one_digest_for_the_week(self):
        homes = build_editions()
        section = add_section(homes["sq"], "Pasqyra javore", "digest")
        now = timezone.now().astimezone(dt.UTC)
        schedule = DigestSchedule.objects.create(
            locale=Locale.objects.get(language_code="sq"),
            section=section,
            weekday=now.weekday(),
            hour=now.hour,
            time_zone="UTC",
        )
        DigestSchedule.objects.filter(pk=schedule.pk).update(created_at=now - dt.timedelta(days=8))
        database_url = self.enterContext(shared_database())
        workers = [RunningWorker(database_url, **FAST) for _ in range(2)]
        for worker in workers:
            self.addCleanup(worker.stop)
        for worker in workers:
            worker.wait_for("ready")

        def drafted():
            return PeriodicalIssuePage.objects.filter(periodical="digest").exists()

        self.assertIsNotNone(wait_until(drafted, 20), "\n".join(w.output for w in workers))
        wait_until(lambda: False, 1.5)  # several more rounds of both workers
        self.assertEqual(PeriodicalIssuePage.objects.filter(periodical="digest").count(), 1)
        self.assertEqual(DigestRun.objects.count(), 1)
        page = PeriodicalIssuePage.objects.get(periodical="digest")
        self.assertFalse(page.live)
        self.assertEqual(page.number, 1)
        drafted_by = [w for w in workers if "Digest: drafted" in w.output]
        self.assertEqual(len(drafted_by), 1, "\n".join(w.output for w in workers))
