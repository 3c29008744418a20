from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Staff account. Readers never need one: commenting and subscribing work without accounts."""

    class Meta:
        db_table = "users_user"
