"""Subscribers moved in from the CSV files WordPress newsletter plugins export."""

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from ..models import Subscriber, Subscription, subscribe
from .factories import build_site

# As MailPoet exports them: commas, quoted, a status and the date of confirmation.
MAILPOET = """\ufeff"email","first_name","last_name","status","created_at","confirmed_at"
"Reader.One@Example.org","Ana","Berisha","subscribed","2023-01-02 10:00:00","2023-01-03 11:30:00"
"two@example.org","","","unconfirmed","2023-02-01 09:00:00",""
"three@example.org","Dara","","unsubscribed","2022-05-01 09:00:00","2022-05-01 09:10:00"
"not-an-address","","","subscribed","2023-01-01 00:00:00","2023-01-01 00:00:00"
"reader.one@example.org","Ana","Berisha","subscribed","2023-01-02 10:00:00","2023-01-03 11:30:00"
"left@example.org","","","subscribed","2021-01-01 00:00:00","2021-01-01 00:00:00"
"""

# As The Newsletter Plugin exports them: semicolons, one-letter statuses, a creation date.
NEWSLETTER_PLUGIN = """Email;Name;Surname;Status;Created
four@example.org;Sara;Ahmadi;C;2020-06-15 08:00:00
five@example.org;;;S;2020-07-01 08:00:00
six@example.org;;;B;2020-08-01 08:00:00
"""


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.list = build_site()["lists"]["newsletter"]
        subscribe("left@example.org", [cls.list], confirmed_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))[1][
            cls.list
        ].unsubscribe()

    def run_import(self, text, *args):
        folder = self.enterContext(tempfile.TemporaryDirectory())
        path = Path(folder) / "subscribers.csv"
        path.write_text(text, encoding="utf-8")
        out, err = StringIO(), StringIO()
        call_command(
            "import_subscribers", str(path), "--list", str(self.list.pk), *args, stdout=out, stderr=err
        )
        return out.getvalue(), err.getvalue()

    def test_consenting_readers_are_imported_with_their_consent_date(self):
        out, err = self.run_import(MAILPOET)
        self.assertIn("Imported 1 subscribers", out)
        self.assertIn("left out: 1 unconfirmed, 2 unsubscribed or bounced, 1 invalid, 1 repeated", out)
        self.assertIn("line 5: not an e-mail address: 'not-an-address'", err)
        subscription = Subscription.objects.get(subscriber__email="reader.one@example.org")
        self.assertEqual(subscription.status, Subscription.Status.SUBSCRIBED)
        self.assertEqual(subscription.source, Subscription.Source.IMPORT)
        self.assertEqual(subscription.confirmed_at, dt.datetime(2023, 1, 3, 11, 30, tzinfo=dt.UTC))
        self.assertEqual(subscription.subscriber.name, "Ana Berisha")
        self.assertEqual(subscription.subscriber.language, "en")
        # Who unsubscribed here is not put back by an older export.
        self.assertEqual(
            Subscription.objects.get(subscriber__email="left@example.org").status,
            Subscription.Status.UNSUBSCRIBED,
        )

    def test_the_newsletter_plugins_semicolon_export(self):
        out, _ = self.run_import(NEWSLETTER_PLUGIN)
        self.assertIn("Imported 1 subscribers", out)
        self.assertEqual(
            Subscription.objects.get(subscriber__email="four@example.org").confirmed_at,
            dt.datetime(2020, 6, 15, 8, tzinfo=dt.UTC),
        )
        self.assertFalse(
            Subscriber.objects.filter(email__in=["five@example.org", "six@example.org"]).exists()
        )

    def test_a_dry_run_counts_and_changes_nothing(self):
        before = Subscriber.objects.count()
        out, _ = self.run_import(MAILPOET, "--dry-run")
        self.assertIn("Would import 1 subscribers", out)
        self.assertEqual(Subscriber.objects.count(), before)

    def test_a_second_run_adds_nothing(self):
        self.run_import(MAILPOET)
        out, _ = self.run_import(MAILPOET)
        self.assertIn("Imported 0 subscribers", out)
        self.assertIn("1 already on the list", out)

    def test_a_file_without_an_address_column_or_list_is_refused(self):
        with self.assertRaisesMessage(CommandError, "No e-mail column"):
            self.run_import("name,status\nAna,subscribed\n")
        with self.assertRaisesMessage(CommandError, "No list with id 999"):
            call_command("import_subscribers", "x.csv", "--list", "999")
        folder = self.enterContext(tempfile.TemporaryDirectory())
        latin = Path(folder) / "latin.csv"
        latin.write_bytes("email,name\nana@example.org,Zoë\n".encode("latin-1"))
        with self.assertRaisesMessage(CommandError, "is not UTF-8 text"):
            call_command("import_subscribers", str(latin), "--list", str(self.list.pk))
        self.assertFalse(Subscriber.objects.filter(email="ana@example.org").exists())
        with self.assertRaisesMessage(CommandError, "Cannot read"):
            call_command("import_subscribers", "/nonexistent/x.csv", "--list", str(self.list.pk))
