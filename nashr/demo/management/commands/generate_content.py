import time

from django.core.management.base import BaseCommand, CommandError

from nashr.demo.generate import generate


class Command(BaseCommand):
    help = (
        "Add generated articles to the demo site, for benchmarks: stories in the four editions with "
        "categories, tags, authors and lead images. Run load_demo first. Writes rows in bulk: rebuild "
        "derived data (search index, static output) afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many article pages to add.")
        parser.add_argument("--seed", type=int, default=1, help="Seed for repeatable content (default 1).")

    def handle(self, *args, articles, seed, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        started = time.perf_counter()
        try:
            made = generate(articles, seed=seed, stdout=self.stdout)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated {made} articles in {elapsed:.1f} s."))
