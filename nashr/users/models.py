from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Staff account. Readers never need one: commenting and subscribing work without accounts."""

    class Meta:
        db_table = "users_user"


class EditionRole(models.Model):
    """Marks a group as one role (editor, translator, reviewer, moderator) in one edition.

    What the group's permissions allow then applies to that edition only (`users/permissions.py`); a group
    without an EditionRole keeps Wagtail's meaning, every edition. `manage.py set_up_roles` makes them.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", _("editor")
        TRANSLATOR = "translator", _("translator")
        REVIEWER = "reviewer", _("reviewer")
        MODERATOR = "moderator", _("comment moderator")

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="edition_role")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["locale", "role"], name="one_group_per_edition_role")]

    def __str__(self):
        return f"{self.locale.language_code} {self.role}"
