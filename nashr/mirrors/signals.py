from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .announce import mirrors_changed
from .models import Mirror


@receiver(post_save, sender=Mirror)
@receiver(post_delete, sender=Mirror)
def mirror_saved(sender, instance, **kwargs):
    """A mirror added, changed or removed: the onion link, the footer and the mirror lists everywhere."""
    mirrors_changed(None)
