"""What core keeps in step with Wagtail's page tree."""

from django.dispatch import receiver
from wagtail.signals import post_page_move


@receiver(post_page_move)
def keep_parent_page(sender, instance, parent_page_after, **kwargs):
    """A post moved under another page: its `parent_page` follows. Wagtail's move saves the page as a plain
    Page, so `PostPage.save()` does not run. Connected before publishing's receiver of the same signal (core
    comes first in INSTALLED_APPS), which reads the post's new neighbours."""
    from .models import PostPage

    if issubclass(sender, PostPage):
        PostPage.objects.filter(pk=instance.pk).update(parent_page_id=parent_page_after.pk)
