import datetime as dt
from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction
from django.utils import timezone

from nashr.core.reader_data import kinds


class Command(BaseCommand):
    help = (
        "Forget what readers sent (comments, contact messages and every other kind registered in "
        "nashr.core.reader_data) older than --older-than DAYS, and/or everything sent with --email ADDRESS "
        "(a reader's request to be forgotten). A comment others replied to stays in its thread as a "
        "placeholder, with nothing of what its writer sent. Prints exactly what was deleted or anonymised."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, metavar="DAYS", help="Forget what is older than DAYS days."
        )
        parser.add_argument("--email", help="Forget everything sent with this e-mail address.")
        parser.add_argument(
            "--keep-approved", action="store_true", help="With --older-than, keep approved comments."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Do it all in a transaction that is rolled back."
        )

    @no_translations  # the report reads the same whatever language a caller left active
    def handle(self, *args, **options):
        days, email = options["older_than"], (options["email"] or "").strip()
        if days is None and not email:
            raise CommandError("Say what to delete: --older-than DAYS, --email ADDRESS, or both.")
        if days is not None and days < 0:
            raise CommandError("--older-than must be zero or more days.")
        before = timezone.now() - dt.timedelta(days=days) if days is not None else None
        results, rows = [], Counter()
        with transaction.atomic():
            for kind in kinds():
                done = kind.purge(kind.select(email or None, before, options))
                rows.update(done.pop("rows", {}))
                results.append((kind.name, done))
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.report(results, rows, options["dry_run"])

    def report(self, results, rows, dry_run):
        if dry_run:
            self.stdout.write("Dry run: nothing was changed. This is what the purge would do:")
        for name, done in results:
            counts = ", ".join(f"{count} {what}" for what, count in done.items())
            self.stdout.write(f"{name}: {counts}")
        if rows:
            deleted = ", ".join(f"{count} {_name(label)}" for label, count in sorted(rows.items()))
            self.stdout.write(f"Rows deleted in all: {deleted}")
        else:
            self.stdout.write("Rows deleted in all: none")


def _name(label):
    model = apps.get_model(label)
    return f"{label} ({model._meta.verbose_name_plural})"
