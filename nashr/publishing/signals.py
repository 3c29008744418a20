"""What publishing changes, purged from the page cache and re-rendered into the static output.

Everything runs once the transaction has committed: a reader who asks after `publish()` has returned gets
the new page, and a render that read the old content can only be stored where no one looks any more.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from nashr.articles.models import ArticlePage, Category
from nashr.comments.models import Comment
from nashr.core.dependencies import dependent_urls
from nashr.navigation.models import Navigation
from nashr.people.models import Person

from . import cache
from .static import output_dir


def refresh(paths):
    """Purge `paths` from the page cache and re-render them into the static output, after commit."""
    paths = [p for p in dict.fromkeys(paths) if p]
    if not paths:
        return

    def run():
        cache.purge(paths)
        if output_dir():
            from .tasks import rerender_static

            rerender_static.enqueue(paths)

    transaction.on_commit(run)


def refresh_everything():
    def run():
        cache.purge_all()
        if output_dir():
            from .tasks import rerender_static

            rerender_static.enqueue([], full=True)

    transaction.on_commit(run)


_local = threading.local()


@contextmanager
def deferred():
    """Within this block (in this thread), changes purge and re-render nothing one by one: the whole site
    is purged and re-rendered once at the end, after commit, if anything changed. For bulk work such as
    imports, where working out each page's dependent URLs would cost more than the work itself."""
    if getattr(_local, "deferring", None) is not None:  # nested: the outermost block refreshes
        yield
        return
    _local.deferring = state = {"changed": False}
    try:
        yield
    finally:
        _local.deferring = None
        if state["changed"]:
            refresh_everything()


def _deferred():
    """True (and remembered) when a change falls within `deferred()`: the handler then does nothing."""
    state = getattr(_local, "deferring", None)
    if state is None:
        return False
    state["changed"] = True
    return True


def note_change():
    """Rows written in bulk (an import's new posts) send no signals: within `deferred()` this makes the
    whole site refresh at its end; outside it, the whole site is refreshed after commit."""
    if not _deferred():
        refresh_everything()


def _urls_with_descendants(page):
    urls = dependent_urls(page)
    urls += [p.url for p in page.get_descendants().live()]
    return urls


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if _deferred():
        return
    refresh(dependent_urls(instance))


_before_move = {}  # page id -> the URLs that showed it in its old place


@receiver(pre_page_move)
def page_moving(sender, instance, **kwargs):
    if _deferred():
        return
    _before_move[instance.pk] = _urls_with_descendants(instance)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    if _deferred():
        return
    before = _before_move.pop(instance.pk, [])
    refresh([*before, *_urls_with_descendants(instance)])


@receiver(pre_delete)
def page_deleting(sender, instance, **kwargs):
    if (
        isinstance(instance, Page) and type(instance) is Page and not _deferred()
    ):  # once per page, not once per parent table
        try:
            instance._nashr_urls_before_delete = dependent_urls(instance) if instance.live else [instance.url]
        except Page.DoesNotExist:  # its specific row is already gone
            instance._nashr_urls_before_delete = [instance.url]


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page and not _deferred():
        refresh(getattr(instance, "_nashr_urls_before_delete", []))


@receiver(pre_save, sender=Comment)
def comment_saving(sender, instance, **kwargs):
    if _deferred():
        return
    old = (
        Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk
        else None
    )
    instance._nashr_was_shown = old == Comment.Status.APPROVED


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_changed(sender, instance, **kwargs):
    if _deferred():
        return
    shown = instance.status == Comment.Status.APPROVED
    if shown or getattr(instance, "_nashr_was_shown", False):
        refresh([instance.page.url])


@receiver(post_save, sender=Navigation)
def navigation_changed(sender, instance, created=False, **kwargs):
    """Menus and footer appear on every page: the whole site afresh."""
    if _deferred():
        return
    refresh_everything()


@receiver(post_save, sender=Category)
@receiver(post_save, sender=Person)
def name_changed(sender, instance, created=False, **kwargs):
    """A category's or a person's own page and the articles that name them."""
    if created or _deferred():
        return
    articles = ArticlePage.objects.live()
    if isinstance(instance, Category):
        articles = articles.filter(categories=instance)
    else:
        articles = articles.filter(Q(article_authors__person=instance) | Q(translator=instance)).distinct()
    refresh([instance.get_absolute_url(), *(a.url for a in articles)])
