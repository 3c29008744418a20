"""Changes that reach the channels: the same signals the page cache and static output follow
(nashr/publishing/signals.py), each asking the worker, once the change commits, to bring the pages'
channel posts in line (tasks.py). Publish and update post or edit; unpublish, privacy, move and delete
edit or take down. Nothing is asked while no channel is connected."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashr.core.models import PostPage

from .models import TelegramChannel, TelegramPost


def _request(page_ids):
    page_ids = list(page_ids)
    if not page_ids or not TelegramChannel.objects.exists():
        return

    def enqueue():
        from .tasks import request_sync

        request_sync(page_ids)

    transaction.on_commit(enqueue)


def _with_posts_below(page):
    """The page and the posts under it (a section made private or moved takes its posts along)."""
    below = PostPage.objects.descendant_of(page).values_list("pk", flat=True)
    return [page.pk, *below]


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if isinstance(instance, PostPage):
        _request([instance.pk])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    _request(_with_posts_below(instance))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    once = isinstance(instance, Page) and type(instance) is Page  # once per page, not per parent table
    if once and TelegramPost.objects.filter(page_id=instance.pk).exists():
        _request([instance.pk])


def _restriction_changed(restriction):
    try:
        page = restriction.page
    except Page.DoesNotExist:  # deleted with its page: the page's deletion takes the post down
        return
    _request(_with_posts_below(page))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_saved(sender, instance, **kwargs):
    _restriction_changed(instance)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        _restriction_changed(instance)
