from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from nashr.mirrors.models import Mirror
from nashr.mirrors.resync import resync


class Command(BaseCommand):
    help = (
        "Push every page, feed, sitemap and the files they use to the mirrors, and delete from them what the "
        "site no longer has"
    )

    def add_arguments(self, parser):
        parser.add_argument("--mirror", action="append", help="Only this mirror (by name); repeatable.")
        parser.add_argument(
            "--edition", action="append", help="Only this edition (language code); repeatable."
        )
        parser.add_argument("--force", action="store_true", help="Upload every file, even those that match.")

    @no_translations  # statuses in the project's language, whatever a caller activated
    def handle(self, *args, mirror=None, edition=None, force=False, **options):
        codes = [code for code, _name in settings.LANGUAGES]
        unknown = [e for e in edition or [] if e not in codes]
        if unknown:
            raise CommandError(
                f"unknown edition(s) {', '.join(unknown)}; the editions are {', '.join(codes)}"
            )
        mirrors = Mirror.objects.pushed()
        if mirror:
            mirrors = mirrors.filter(name__in=mirror)
            missing = set(mirror) - set(mirrors.values_list("name", flat=True))
            if missing:
                raise CommandError(f"no enabled bucket or folder mirror named {', '.join(sorted(missing))}")
        failed = []
        for one in mirrors:
            try:
                pushed, deleted = resync(one, edition, force=force, stdout=self.stdout)
            except Exception as error:  # one mirror's failure stops only that mirror
                one.record_failure(error, one.pending)
                self.stderr.write(f"{one.name}: failed: {error}")
                failed.append(one.name)
                continue
            self.stdout.write(f"{one.name}: {pushed} addresses pushed, {deleted} file(s) deleted")
        if failed:
            raise CommandError(f"{len(failed)} mirror(s) failed: {', '.join(failed)}")
