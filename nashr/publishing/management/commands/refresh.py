from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nashr.publishing.signals import changed


class Command(BaseCommand):
    help = (
        "Make what readers get follow the database again after rows were changed without Nashr seeing it "
        "(a script's QuerySet.update(), a restored backup): renews the page cache of every process and, with "
        "NASHR_STATIC_DIR, has the worker rewrite the static output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--edition",
            action="append",
            dest="editions",
            metavar="CODE",
            help="only this edition (a language code such as fa); may be repeated. Default: the whole site",
        )

    def handle(self, *args, editions=None, **options):
        known = [code for code, _name in settings.LANGUAGES]
        unknown = sorted(set(editions or ()) - set(known))
        if unknown:
            raise CommandError(f"unknown edition: {', '.join(unknown)} (the editions: {', '.join(known)})")
        changed(sorted(set(editions)) if editions else None)
        self.stdout.write(f"renewed {', '.join(sorted(set(editions))) if editions else 'the whole site'}")
