"""`manage.py set_up_lists`: each edition's newsletter, brief and weekly digest lists, where it has their
sections (pages with the slugs newsletter, brief, digest), each list showing on its section. Lists the
edition has already are left as they are; `make run` and `make demo` run it after load_demo."""

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from nashr.core.models import SectionPage

from ...models import MailingList

KINDS = [MailingList.Kind.NEWSLETTER, MailingList.Kind.BRIEF, MailingList.Kind.DIGEST]


class Command(BaseCommand):
    help = "Create the newsletter, brief and digest lists of every edition that has their sections."

    def handle(self, *args, **options):
        made = 0
        for locale in Locale.objects.order_by("pk"):
            for order, kind in enumerate(KINDS):
                if MailingList.objects.filter(locale=locale, kind=kind).exists():
                    continue
                section = SectionPage.objects.live().filter(locale=locale, slug=kind).first()
                if section is None:
                    continue
                MailingList.objects.create(
                    locale=locale, kind=kind, name=section.title, slug=kind, page=section, sort_order=order
                )
                made += 1
        self.stdout.write(f"{made} lists created.")
