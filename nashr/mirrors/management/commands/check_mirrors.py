from django.core.management.base import BaseCommand, no_translations

from nashr.mirrors.health import check_all
from nashr.mirrors.models import Mirror


class Command(BaseCommand):
    help = "Fetch each mirror's edition homes from its public address and record whether it is up to date"

    def add_arguments(self, parser):
        parser.add_argument("--mirror", action="append", help="Only this mirror (by name); repeatable.")

    @no_translations  # statuses in the project's language, whatever a caller activated
    def handle(self, *args, mirror=None, **options):
        results = check_all(mirror)
        for found in Mirror.objects.filter(name__in=results):
            detail = f" ({found.health_detail})" if found.health_detail else ""
            self.stdout.write(f"{found.name}: {found.get_health_display()}{detail}")
        healthy = sum(1 for h in results.values() if h == Mirror.Health.HEALTHY)
        self.stdout.write(f"{healthy} of {len(results)} mirror(s) healthy")
