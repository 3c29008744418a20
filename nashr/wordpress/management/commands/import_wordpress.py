import time

from django.core.management.base import BaseCommand, CommandError

from nashr.wordpress.importer import ImportStopped, WordPressImporter
from nashr.wordpress.reader import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR) file: posts, pages, attachments, comments, categories, tags, "
        "authors and Polylang or WPML translations, with redirects from the old addresses. A second run "
        "updates in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the export file (Tools → Export in WordPress)")
        parser.add_argument(
            "--edition", help="edition for pieces without a language (default: the site's first)"
        )
        parser.add_argument("--uploads", help="local copy of wp-content/uploads, for attachments")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen; write nothing")
        parser.add_argument(
            "--site-url", help="the WordPress site's address, if the export's is not the public one"
        )
        parser.add_argument(
            "--map-language",
            action="append",
            default=[],
            metavar="WP=EDITION",
            help="import a WordPress language into an edition, e.g. de_DE=en (repeatable)",
        )
        parser.add_argument(
            "--create-editions",
            action="store_true",
            help="create the locale and home page of editions in LANGUAGES that have none yet",
        )

    def handle(self, *args, **options):
        mapping = {}
        for pair in options["map_language"]:
            wp, sep, edition = pair.partition("=")
            if not sep or not wp.strip() or not edition.strip():
                raise CommandError(f"--map-language {pair!r}: write it as WP=EDITION, e.g. de_DE=en")
            mapping[wp.strip()] = edition.strip()
        importer = WordPressImporter(
            options["file"],
            edition=options["edition"],
            uploads=options["uploads"],
            dry_run=options["dry_run"],
            site_url=options["site_url"],
            map_language=mapping,
            create_editions=options["create_editions"],
        )
        started = time.perf_counter()
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(f"{options['file']}: {error}. Nothing was imported.") from None
        except ImportStopped as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(report))
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")
        if report.failures:
            raise CommandError(f"{len(report.failures)} items failed; see above. The others were imported.")
