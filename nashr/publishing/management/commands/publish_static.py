from django.core.management.base import BaseCommand, CommandError

from nashr.publishing.parallel import usable_cores, write_in_processes
from nashr.publishing.static import StaticWriter
from nashr.publishing.withdrawal import empty_trash


class Command(BaseCommand):
    help = (
        "Write every published page, with feeds and sitemaps, into DIR as files (with .gz and .br beside "
        "each) that nginx or a CDN serves as they are. Set NASHR_STATIC_DIR to the same folder to keep it "
        "up to date on every publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", help="output folder (created if missing)")
        parser.add_argument(
            "--path",
            action="append",
            dest="paths",
            metavar="URL_PATH",
            help="write only this URL path (with its listing pages); may be repeated",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="processes rendering pages at once for the whole site (default: the cores it may use)",
        )

    def handle(self, *args, dir, **options):
        try:
            writer = StaticWriter(dir, outputs=())  # mirrors: manage.py resync_mirrors
            writer.root.mkdir(parents=True, exist_ok=True)
            empty_trash(writer.root)  # what withdrawals moved aside
        except OSError as error:
            raise CommandError(f"cannot write to {dir}: {error}") from error
        verbose = options["verbosity"] > 1
        paths = options["paths"]
        for path in paths or []:
            if not path.startswith("/"):
                raise CommandError(f"a URL path starts with /: {path!r}")
        if options["jobs"] is not None and options["jobs"] < 1:
            raise CommandError("--jobs takes a number from 1")
        done = None
        if not paths:
            paths = writer.all_paths()
            done = write_in_processes(writer.root, paths, options["jobs"] or usable_cores())
        if done is None:
            count = writer.write_all(stdout=self.stdout if verbose else None, paths=paths)
        else:
            count = sum(written for _, written in done)
            for path, written in done if verbose else ():
                if written:
                    self.stdout.write(f"{path} -> {written} file(s)")
        self.stdout.write(f"{count} files written to {writer.root}")
