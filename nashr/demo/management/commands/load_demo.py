import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from nashr.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Load the demo publication (four editions). Safe to run again: existing content is kept as it is."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the admin account.")

    def handle(self, *args, **options):
        created = DemoLoader(stdout=self.stdout).run()
        self.stdout.write(self.style.SUCCESS(f"Demo content: {created} objects created."))
        if not options["no_admin"]:
            self.ensure_admin()

    def ensure_admin(self):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Admin account: admin (created earlier; password printed then).")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(
            self.style.WARNING(f"Admin account created at /admin/ -- user: admin  password: {password}")
        )
        self.stdout.write("This password is shown once. Change it with: manage.py changepassword admin")
