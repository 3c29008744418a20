from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from nashr.users import roles

ARGS = ("USER", "ROLE", "EDITION")


class Command(BaseCommand):
    help = (
        "Make or update the groups of every role (editor, translator, reviewer, moderator) in every edition, "
        "with their page, snippet, collection and review permissions. Safe to run again; run it after adding "
        "an edition. --grant/--revoke USER ROLE EDITION add or remove someone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--grant", nargs=3, metavar=ARGS, help="e.g. --grant alice translator fa")
        parser.add_argument("--revoke", nargs=3, metavar=ARGS, help="e.g. --revoke alice translator fa")

    def handle(self, *args, grant=None, revoke=None, **options):
        for line in roles.set_up():
            self.stdout.write(line)
        for change, verb in ((grant, "joins"), (revoke, "leaves")):
            if change:
                username, role, code = change
                group = self.change(username, role, code, add=verb == "joins")
                self.stdout.write(self.style.SUCCESS(f"{username} {verb} '{group.name}'."))

    def change(self, username, role, code, add):
        try:
            user = get_user_model().objects.get(username=username)
        except ObjectDoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None
        if role not in roles.ROLES:
            raise CommandError(f"Unknown role {role!r}: one of {', '.join(roles.ROLES)}.")
        try:
            return (roles.grant if add else roles.revoke)(user, role, code)
        except ObjectDoesNotExist:
            raise CommandError(f"No edition {code!r}: the editions are the site's locales.") from None
