"""What the newsroom changes, made right for readers: the page cache renewed, the static output rewritten.

Every handler here says which editions a change touches and which addresses show it most directly, through
`changed()`. Changes made in one transaction are gathered and acted on once it commits, in the process that
made them, before the action returns:

- the page cache and the shared fragments of those editions are renewed (nashr/caching/store.py), for every
  process at once, since they share the cache;
- with a static output (NASHR_STATIC_DIR), the files of pages that are gone (unpublished, deleted, moved,
  made private) are removed at once, and the worker is asked to re-render the rest (tasks.py); other
  outputs (mirrors, static.py's ``nashr_static_outputs`` hook) get the same task, and remove in it.

A render that read the old content and finishes after the commit is stored under the old generation, which
no reader asks for any more.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from nashr.articles.models import ArticlePage, Category
from nashr.caching import store
from nashr.caching.store import edition_codes
from nashr.comments.models import Comment
from nashr.core.models import PostPage
from nashr.editions.editions import language_code_of
from nashr.editions.urls import edition_url
from nashr.images.models import NashrImage
from nashr.navigation.models import Navigation
from nashr.people.models import Person

from .dependencies import CHANGED_HOOK, dependent_urls, editions_of, own_paths
from .static import other_outputs, output_dir, remove_paths
from .withdrawal import withdraw


class Change:
    """What one transaction changed: editions (None: all of them), addresses to re-render first, gone, and
    the ids of the pages it is about (channels that post pieces follow those)."""

    def __init__(self, level=None):
        self.level = level  # the transaction's savepoints when it began
        self.queued_at = None  # where its first callback stands in the connection's on-commit queue
        self.applied = False
        self.editions = set()
        self.everything = False
        self.paths = []
        self.gone = []
        self.pages = []

    def add(self, editions, paths, gone, pages=()):
        if editions is None:
            self.everything = True
        else:
            self.editions.update(editions)
        self.paths += [p for p in paths if p]
        self.gone += [p for p in gone if p]
        self.pages += pages

    def queued(self, queue):
        """Whether its first on-commit callback still waits (a rolled-back savepoint drops it): one look,
        however many changes the transaction makes (a purge of thousands of comments)."""
        index = self.queued_at
        return index is not None and index < len(queue) and queue[index][1] == self.commit

    def commit(self):
        if getattr(_local, "pending", None) is self:
            _local.pending = None
        if not self.applied:
            self.applied = True
            self.apply()

    def apply(self):
        # What readers are served first: the shared cache, then the static files (every file of the editions
        # touched, until the worker writes it again).
        store.renew(sorted(self.editions), everything=self.everything)
        editions = None if self.everything else sorted(self.editions)
        if output_dir():
            remove_paths(self.gone)
            withdraw(output_dir(), editions)
        # Other outputs of the same pages (offline, Telegram) and what the homes carry (the mirrors' stamp),
        # before the worker is asked to render anything.
        pages = list(dict.fromkeys(self.pages))
        for fn in hooks.get_hooks(CHANGED_HOOK):
            fn(editions, list(self.paths), list(self.gone), list(pages))
        if output_dir() or other_outputs():
            from .tasks import request_static

            homes = [edition_url(code) for code in (edition_codes() if editions is None else editions)]
            request_static([*self.gone, *self.paths, *homes], editions)


_local = threading.local()


def changed(editions, paths=(), gone=(), pages=()):
    """Record a change: `editions` (language codes; None for the whole site) are renewed, `paths` re-rendered
    first in the static output and `gone` removed from it, once the current transaction commits; `pages`
    (ids) go to the `nashr_changed` hook.

    Changes made at one level of one transaction gather in one record, acted on once when it commits
    (outside a transaction: at once); a transaction that rolls back drops the record with its callbacks."""
    deferring = getattr(_local, "deferring", None)
    if deferring is not None:
        deferring.add(None, (), gone, pages)
        return
    connection = transaction.get_connection()
    level = tuple(connection.savepoint_ids) if connection.in_atomic_block else None
    pending = getattr(_local, "pending", None)
    queue = connection.run_on_commit
    if pending is not None and level is not None and pending.level == level and pending.queued(queue):
        change = pending  # acted on by whichever of its callbacks runs first
    else:
        change = Change(level)
        change.queued_at = len(queue)
        _local.pending = change if level is not None else None
    change.add(editions, paths, gone, pages)
    transaction.on_commit(change.commit)


@contextmanager
def deferred():
    """Within this block (in this thread), changes renew nothing one by one: the whole site is renewed once
    at its end, after commit, if anything changed. For bulk work such as imports, where working out each
    page's dependents would cost more than the work itself."""
    if getattr(_local, "deferring", None) is not None:  # nested: the outermost block acts
        yield
        return
    _local.deferring = change = Change()
    try:
        yield
    finally:
        _local.deferring = None
        if change.everything:
            changed(None, gone=change.gone, pages=change.pages)


def note_change():
    """Rows written in bulk send no signals: this renews the whole site (at the end of `deferred()`)."""
    changed(None)


def _deferring():
    return getattr(_local, "deferring", None) is not None


# Pages


@receiver(page_published)
def page_published_(sender, instance, **kwargs):
    if _deferring():
        return changed(None, pages=[instance.pk])
    changed(editions_of(instance), dependent_urls(instance), pages=[instance.pk])


@receiver(page_unpublished)
def page_unpublished_(sender, instance, **kwargs):
    gone = [instance.url, *own_paths(instance)]
    if _deferring():
        return changed(None, gone=gone, pages=[instance.pk])
    changed(editions_of(instance), dependent_urls(instance), gone=gone, pages=[instance.pk])


def _with_descendants(page):
    pages = [page, *page.get_descendants().live()]
    return [url for p in pages for url in (p.url, *own_paths(p))]


def _with_posts_below(page):
    """The page's id and its posts' (a section made private or moved takes its posts along)."""
    return [page.pk, *PostPage.objects.descendant_of(page).values_list("pk", flat=True)]


_before_move = {}  # page id -> (editions, the addresses that showed it in its old place)


@receiver(pre_page_move)
def page_moving(sender, instance, **kwargs):
    if not _deferring():
        before = (editions_of(instance), dependent_urls(instance), _with_descendants(instance))
        _before_move[instance.pk] = before


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    editions, before, old = _before_move.pop(instance.pk, (None, [], []))
    moved = instance.specific
    gone = [url for url in old if url not in _with_descendants(moved)]
    after = editions_of(moved)
    both = None if editions is None or after is None else sorted({*editions, *after})
    changed(both, [*before, *dependent_urls(moved)], gone=gone, pages=_with_posts_below(moved))


@receiver(pre_delete)
def page_deleting(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page:  # once per page, not once per parent table
        try:
            urls = dependent_urls(instance) if instance.live else []
        except Page.DoesNotExist:  # its specific row is already gone
            urls = []
        instance._nashr_before_delete = (editions_of(instance), urls, [instance.url, *own_paths(instance)])


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page:
        editions, urls, gone = getattr(instance, "_nashr_before_delete", (None, [], []))
        changed(editions, urls, gone=gone, pages=[instance.pk])


# Privacy: a restricted page leaves listings, feeds, sitemaps and its translations' editions menus.


def _restriction_changed(restriction):
    try:
        page = restriction.page.specific
    except Page.DoesNotExist:  # deleted with its page: the page's own deletion says what changed
        return
    private = PageViewRestriction.objects.filter(pk=restriction.pk).exists()
    urls = _with_descendants(page)
    changed(
        editions_of(page),
        [*dependent_urls(page), *urls],
        gone=urls if private else (),
        pages=_with_posts_below(page),
    )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_saved(sender, instance, **kwargs):
    _restriction_changed(instance)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        _restriction_changed(instance)


# What pages show of other rows


@receiver(pre_save, sender=Comment)
def comment_saving(sender, instance, **kwargs):
    old = None
    if instance.pk:
        old = Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._nashr_was_shown = old == Comment.Status.APPROVED


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_changed(sender, instance, **kwargs):
    shown = instance.status == Comment.Status.APPROVED
    if shown or getattr(instance, "_nashr_was_shown", False):
        page = instance.page
        changed([language_code_of(page.locale_id)], [page.url])


@receiver(post_save, sender=Navigation)
def navigation_changed(sender, instance, **kwargs):
    """Menus and footer appear on every page of their edition."""
    changed([instance.locale.language_code])


@receiver(post_save, sender=Category)
@receiver(post_save, sender=Person)
def name_changed(sender, instance, created=False, **kwargs):
    """A category's or a person's own page and the articles that name them, in their edition."""
    if created:
        return
    articles = ArticlePage.objects.live()
    if isinstance(instance, Category):
        articles = articles.filter(categories=instance)
    else:
        articles = articles.filter(Q(article_authors__person=instance) | Q(translator=instance)).distinct()
    changed([instance.locale.language_code], [instance.get_absolute_url(), *(a.url for a in articles)])


# The same in every edition: tags are shared, sites give every address, images show anywhere.
SHOWN_IMAGE_FIELDS = {
    "title",
    "file",
    "description",
    "default_caption",
    "credit",
    "language",
    "texts",
    "collection",
}


@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def shared_row_changed(sender, instance, created=False, **kwargs):
    if not created:
        changed(None)


@receiver(post_save, sender=NashrImage)
def image_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """A replaced file or a new alt text, caption or credit in any edition (`texts`) shows on every page
    using the image; Wagtail's own bookkeeping
    (file size and hash filled in when first read) changes nothing a reader sees."""
    if created or (update_fields is not None and not set(update_fields) & SHOWN_IMAGE_FIELDS):
        return
    changed(None)
