"""New posts of an import, written table by table once per batch instead of one ORM save per post.

The importer prepares each new post as it would save it (tree path, URL path, slug, fields), but instead of
saving it hands a `NewPost` to `NewPosts`; at the end of the batch `NewPosts.write()` inserts the rows of
all of them: page tables, authors, categories, tags, comments, import records and redirects, a few
statements per table. Should that fail, the importer rolls the writing back and imports the same posts
again one by one, so one bad post still fails alone (see `batches.Batches.write_new_posts`). The rows
of the page tables are written by `nashr.core.bulk.insert_pages`, shared with generated content.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from nashr.articles.models import ArticleAuthor, ArticlePage, ArticleTag
from nashr.comments.models import Comment
from nashr.core.bulk import insert_pages

from .indexes import index_now
from .models import ImportedItem


@dataclass
class NewPost:
    """Everything one new post writes, made ready by the importer and written by `NewPosts.write`."""

    item: object  # the reader.Item
    page: ArticlePage = None  # unsaved, with path, depth and url_path set
    parent: Page = None
    categories: list = field(default_factory=list)  # authors and tags: in the page's child relations
    comments: list = field(default_factory=list)  # (Comment, WordPress id, parent's id, written at or None)
    records: list = field(default_factory=list)  # (ImportedItem, the object it records)
    redirects: list = field(default_factory=list)  # unsaved Redirect rows
    outcomes: list = field(default_factory=list)  # report entries: (kind, edition, outcome, reason)
    sticky: str = ""  # the edition code, when the post is sticky and live


class NewPosts:
    def __init__(self):
        self.posts = []

    def __bool__(self):
        return bool(self.posts)

    def add(self, post):
        self.posts.append(post)

    def take(self):
        posts, self.posts = self.posts, []
        return posts

    @staticmethod
    def write(posts):
        """Insert the rows of `posts`, table by table; the caller holds the transaction."""
        insert_pages([post.page for post in posts])
        parents = {post.parent.pk: post.parent for post in posts}
        for parent_id, count in Counter(post.parent.pk for post in posts).items():
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + count)
            parents[parent_id].numchild += count
        ArticleAuthor.objects.bulk_create(a for post in posts for a in post.page.article_authors.all())
        through = ArticlePage.categories.through
        through.objects.bulk_create(
            through(articlepage_id=post.page.pk, category=category)
            for post in posts
            for category in post.categories
        )
        ArticleTag.objects.bulk_create(t for post in posts for t in post.page.tagged_items.all())
        write_comments([comment for post in posts for comment in post.comments])
        Redirect.objects.bulk_create(redirect for post in posts for redirect in post.redirects)
        # The pages are indexed as they are in memory, with their authors and tags, not read back later.
        pages = [post.page for post in posts]
        index_now(ArticlePage, pages)
        for post in posts:
            for record, instance in post.records:
                record.object_id = instance.pk
                record.indexed = instance is post.page  # comments: with the rest, in `update_indexes`
        ImportedItem.objects.bulk_create(record for post in posts for record, _ in post.records)


def write_comments(comments):
    """Comments, a level of each thread at a time (a reply needs its parent's id), then their dates as
    written in WordPress (an insert sets `created_at` to now)."""
    ids = {wp_id for _, wp_id, _, _ in comments}
    made = {}  # WordPress id -> Comment
    waiting = comments
    while waiting:
        level = [c for c in waiting if c[2] not in ids or c[2] in made] or waiting  # or a loop of replies
        for comment, _, parent_id, _ in level:
            comment.parent = made.get(parent_id)
        Comment.objects.bulk_create([comment for comment, _, _, _ in level])
        made.update((wp_id, comment) for comment, wp_id, _, _ in level)
        waiting = [c for c in waiting if c[1] not in made]
    dated = []
    for comment, _, _, written in comments:
        if written is not None:
            comment.created_at = written
            dated.append(comment)
    if dated:
        Comment.objects.bulk_update(dated, ["created_at"])
