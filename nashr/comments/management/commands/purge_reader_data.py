import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nashr.comments.models import Comment
from nashr.contact.models import ContactMessage


class Command(BaseCommand):
    help = (
        "Delete what readers sent: comments and contact messages older than --older-than DAYS, "
        "and/or everything sent with --email ADDRESS (a reader's request to be forgotten)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, metavar="DAYS", help="Delete what is older than DAYS days."
        )
        parser.add_argument("--email", help="Delete every comment and message sent with this e-mail address.")
        parser.add_argument(
            "--keep-approved", action="store_true", help="With --older-than, keep approved comments."
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, but delete nothing.")

    def handle(self, *args, **options):
        days, email = options["older_than"], options["email"]
        if days is None and not email:
            raise CommandError("Say what to delete: --older-than DAYS, --email ADDRESS, or both.")
        if days is not None and days < 0:
            raise CommandError("--older-than must be zero or more days.")
        comments, messages = Comment.objects.all(), ContactMessage.objects.all()
        if email:
            comments = comments.filter(email__iexact=email)
            messages = messages.filter(email__iexact=email)
        if days is not None:
            cutoff = timezone.now() - dt.timedelta(days=days)
            comments = comments.filter(created_at__lt=cutoff)
            messages = messages.filter(created_at__lt=cutoff)
            if options["keep_approved"]:
                comments = comments.exclude(status=Comment.Status.APPROVED)
        counts = (comments.count(), messages.count())
        if not options["dry_run"]:
            comments.delete()
            messages.delete()
        verb = "Would delete" if options["dry_run"] else "Deleted"
        self.stdout.write(f"{verb} {counts[0]} comments and {counts[1]} contact messages.")
