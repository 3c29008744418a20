"""`manage.py bundle_edition fa [--pieces 100] [--output PATH]`: build an edition's offline ZIP now."""

from django.core.management.base import BaseCommand, CommandError

from nashr.editions.published import published_editions
from nashr.offline.bundle import BundleError, build
from nashr.offline.tasks import after_build


class Command(BaseCommand):
    help = "Write an edition's recent pieces as a ZIP that opens with no server and no network"

    def add_arguments(self, parser):
        parser.add_argument("edition", help="the edition's language code, e.g. fa")
        parser.add_argument("--pieces", type=int, default=None, help="how many posts (NASHR_OFFLINE_PIECES)")
        parser.add_argument(
            "--output", help="write the ZIP here instead of the one readers download (NASHR_OFFLINE_DIR)"
        )

    def handle(self, edition, pieces=None, output=None, **options):
        editions = published_editions()
        if edition not in editions:
            names = ", ".join(editions) or "none"
            raise CommandError(f"No published edition {edition!r} (published editions: {names}).")
        if pieces is not None and not 1 <= pieces <= 10_000:
            raise CommandError("--pieces must be between 1 and 10000.")
        try:
            manifest = build(edition, pieces, output)
        except BundleError as error:
            raise CommandError(f"Cannot build the {edition!r} offline edition: {error}.") from error
        if output is None:
            after_build(edition)
        where = output or manifest.zip_path
        self.stdout.write(
            f"{where}: {len(manifest.pieces)} pieces, {len(manifest.pages)} pages, "
            f"{manifest.size / 1_000_000:.1f} MB in {manifest.seconds:.1f} s"
        )
