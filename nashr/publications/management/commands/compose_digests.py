"""`manage.py compose_digests`: what the worker does each round for the weekly digests, once, now."""

from django.core.management.base import BaseCommand

from nashr.publications.digest import compose_due


class Command(BaseCommand):
    help = "Draft every weekly digest that is due (the worker does this by itself every round)"

    def handle(self, **options):
        pages = compose_due()
        for page in pages:
            state = "published and sent" if page.live else "drafted"
            self.stdout.write(f"{state}: {page.title} ({page.url_path})")
        if not pages:
            self.stdout.write("No digest is due.")
