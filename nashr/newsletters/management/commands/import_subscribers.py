"""`manage.py import_subscribers FILE.csv --list ID [--dry-run]`: subscribers moved in from another system.

Reads the CSV files WordPress newsletter plugins export (MailPoet, The Newsletter Plugin, Email Subscribers,
or any file with an e-mail column), comma or semicolon separated. Only people who gave their consent are
imported, with the date they gave it; unconfirmed, unsubscribed and bounced rows are counted and left out.
"""

import csv
import datetime as dt
from collections import Counter

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ...addresses import normalise
from ...models import MailingList, Subscription, subscribe

EMAIL = ("email", "e_mail", "email_address", "subscriber_email", "user_email", "mail")
FIRST = ("name", "first_name", "firstname", "full_name")
LAST = ("last_name", "lastname", "surname")
STATUS = ("status", "subscriber_status", "subscription_status")
# The date consent was given, best first: confirmation, then subscription, then creation of the row.
DATES = (
    "confirmed_at",
    "confirmed",
    "optin_time",
    "subscribed_at",
    "subscribed_on",
    "date_subscribed",
    "created_at",
    "created_on",
    "created",
    "date",
)
CONSENTED = {"", "c", "confirmed", "subscribed", "active", "1", "yes"}
LEFT = {"u", "unsubscribed", "b", "bounced", "inactive", "complained"}


def column(header, names):
    return next((header.index(n) for n in names if n in header), None)


def parse_when(value):
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    try:
        when = parse_datetime(value.replace("/", "-")) or parse_date(value.replace("/", "-"))
    except ValueError:
        return None
    if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time())
    if when is not None and timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when


class Command(BaseCommand):
    help = "Import subscribers from a CSV file into a list, keeping the date each gave their consent."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, as a WordPress newsletter plugin exports it (UTF-8).")
        parser.add_argument(
            "--list", dest="list_id", required=True, type=int, help="The id of the list (see the admin)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and count, but change nothing.")

    def handle(self, *args, file, list_id, dry_run, **options):
        mailing_list = MailingList.objects.filter(pk=list_id).select_related("locale").first()
        if mailing_list is None:
            raise CommandError(f"No list with id {list_id}: see Newsletters > Lists in the admin.")
        try:
            with open(file, encoding="utf-8-sig", newline="") as source:
                counts, problems = self.read(source, mailing_list, dry_run)
        except FileNotFoundError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text: save it as UTF-8 and try again.") from error
        for line, problem in problems[:20]:
            self.stderr.write(f"line {line}: {problem}")
        if len(problems) > 20:
            self.stderr.write(f"... and {len(problems) - 20} more lines with problems")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {counts['new']} subscribers into {mailing_list} "
            f"({counts['undated']} without a consent date: recorded as today); "
            f"{counts['already']} already on the list; left out: {counts['unconfirmed']} unconfirmed, "
            f"{counts['left']} unsubscribed or bounced, {counts['invalid']} invalid, "
            f"{counts['repeated']} repeated in the file."
        )

    def read(self, source, mailing_list, dry_run):
        sample = source.read(8192)
        source.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = csv.reader(source, dialect)
        header = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in next(rows, [])]
        email_at = column(header, EMAIL)
        if email_at is None:
            raise CommandError(f"No e-mail column in the file's first line (found: {', '.join(header)}).")
        at = {
            "first": column(header, FIRST),
            "last": column(header, LAST),
            "status": column(header, STATUS),
            "date": next((column(header, [d]) for d in DATES if d in header), None),
        }
        counts, problems, seen = Counter(), [], set()
        with transaction.atomic():
            for line, row in enumerate(rows, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                problem = self.import_row(row, email_at, at, mailing_list, counts, seen)
                if problem:
                    problems.append((line, problem))
            transaction.set_rollback(dry_run)
        return counts, problems

    def import_row(self, row, email_at, at, mailing_list, counts, seen):
        def cell(index):
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            email = normalise(cell(email_at))
        except ValidationError:
            counts["invalid"] += 1
            return f"not an e-mail address: {cell(email_at)!r}"
        if email in seen:
            counts["repeated"] += 1
            return None
        seen.add(email)
        status = cell(at["status"]).lower()
        if status in LEFT:
            counts["left"] += 1
            return None
        if status not in CONSENTED:
            counts["unconfirmed"] += 1
            return None
        when = parse_when(cell(at["date"]))
        if when is None:
            counts["undated"] += 1
            when = timezone.now()
        here = Subscription.objects.filter(subscriber__email=email, list=mailing_list).values_list("status")
        here = here.first()
        if here == (Subscription.Status.SUBSCRIBED,):
            counts["already"] += 1
            return None
        if here == (Subscription.Status.UNSUBSCRIBED,):  # who left this list here is not put back
            counts["left"] += 1
            return None
        name = " ".join(filter(None, (cell(at["first"]), cell(at["last"]))))
        subscribe(
            email,
            [mailing_list],
            name=name,
            language=mailing_list.locale.language_code,
            source=Subscription.Source.IMPORT,
            confirmed_at=when,
        )
        counts["new"] += 1
        return None
