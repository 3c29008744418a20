import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import get_language_info
from wagtail.models import Site

from nashr.demo.loader import EDITIONS, DemoLoader
from nashr.editions.urls import edition_url
from nashr.users import roles

RESET = "manage.py changepassword admin"


class Command(BaseCommand):
    help = (
        "Load the demo publication (four editions). Safe to run again: existing content is kept as it is, "
        "and the site takes the address in WAGTAILADMIN_BASE_URL. Ends with where to read and log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the admin account.")

    def handle(self, *args, **options):
        created = DemoLoader(stdout=self.stdout).run()
        self.stdout.write(f"Demo content: {created} objects created.")
        self.stdout.write(
            f"Roles per edition: {len(roles.set_up())} editions (manage.py set_up_roles --help)."
        )
        password = None if options["no_admin"] else self.ensure_admin()
        self.summary(password, admin=not options["no_admin"])

    def ensure_admin(self):
        """The new admin's password, or None when the account exists already."""
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            return None
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        return password

    def summary(self, password, admin=True):
        """One block, the last thing printed before the server's log: where to read, where to log in."""
        root = Site.objects.get(is_default_site=True).root_url
        rule = "-" * 72
        lines = [rule, self.style.SUCCESS(f"Nashr is ready at {root}/")]
        for code in EDITIONS:
            lines.append(f"  {get_language_info(code)['name']:<10} {root}{edition_url(code)}")
        if admin:
            lines.append(f"  {'Admin':<10} {root}/admin/")
            lines.append(f"  {'User':<10} admin")
            if password:
                lines.append(
                    self.style.WARNING(f"  {'Password':<10} {password}   (shown this once: note it now)")
                )
            else:
                lines.append(f"  {'Password':<10} the one printed on the first run")
            lines.append(f"  {'New one':<10} .venv/bin/python {RESET}")
        lines.append(rule)
        self.stdout.write("\n".join(lines))
