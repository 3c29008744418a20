"""Items committed in batches, each item still all or nothing.

`Batches.in_batches` runs the stages' work item by item, `BATCH` items to a transaction, each item in its
own savepoint (`guarded`): a failing item is rolled back, reported, and the others go on. New posts are
written together at the end of their batch (`write_new_posts`, decision 0007); should that fail, the same
posts are imported again one at a time, so that only a post that fails alone is reported as failed.
"""

from django.db import connection, transaction

from nashr.publishing.signals import note_change as publishing_note_change

from .bulk import NewPosts
from .scan import CONTENT_TYPES

BATCH = 100  # items committed together; each one is still all or nothing


def sqlite_write_ahead_log():
    """On SQLite, commit each item without waiting for the disk (write-ahead log, synchronous=NORMAL).

    A crash of the process loses nothing committed; a power cut may lose the last few items, which the
    next run imports again. The write-ahead log stays on for the database, as SQLite recommends for sites
    (decision 0003).
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")


class Batches:
    def __init__(self, run):
        self.run = run
        self.new_posts = NewPosts()  # new posts of the current batch, written together at its end
        self.in_bulk = False  # True while a batch may hand new posts to `new_posts`

    def in_batches(self, work):
        """Run (kind, item, handler) tasks, committing up to BATCH items together. An interruption
        (Ctrl-C) first writes and commits the items finished before it, so the next run resumes after
        them."""
        work = iter(work)
        done = False
        self.in_bulk = not self.run.dry_run
        try:
            while not done:
                interrupted = None
                with transaction.atomic():
                    for _ in range(BATCH):
                        task = next(work, None)
                        if task is None:
                            done = True
                            break
                        try:
                            self.guarded(*task)
                        except BaseException as error:  # only what `guarded` lets through: interruptions
                            interrupted = error
                            break
                    self.write_new_posts()
                if interrupted is not None:
                    raise interrupted
        finally:
            self.in_bulk = False

    def guarded(self, kind, item, handler):
        """`handler(item)` in a savepoint; a failure is rolled back and reported, and what the run keeps
        in memory is read again (`forget`), for it may name what was rolled back."""
        try:
            with transaction.atomic():
                handler(item)
        except Exception as error:  # one item's failure must not stop the others
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            report = self.run.report
            report.add(kind if kind in CONTENT_TYPES else "other", "", "failed")
            report.failures.append(f"{kind} {item.wp_id} ({item.title[:60]}): {error!r}")
            self.write_new_posts()  # the posts before it, before what they reserved in memory is forgotten
            self.run.forget()

    def write_new_posts(self):
        """Write the new posts prepared since the last call, table by table (`bulk.NewPosts.write`). If
        that fails, it is rolled back and the same posts are imported again one at a time, each in its
        own savepoint."""
        posts = self.new_posts.take()
        if not posts:
            return
        try:
            with transaction.atomic():
                NewPosts.write(posts)
        except Exception:
            self.run.forget()  # what the posts reserved in memory (places, slugs, keys) was not written
            in_bulk, self.in_bulk = self.in_bulk, False
            try:
                for post in posts:
                    self.guarded(post.item.post_type, post.item, self.run.pages.add)
            finally:
                self.in_bulk = in_bulk
            return
        publishing_note_change()
        for post in posts:
            for kind, edition, outcome, reason in post.outcomes:
                self.run.report.add(kind, edition, outcome, reason)
            for record, instance in post.records:
                self.run.ledger.note_written(
                    (record.kind, record.wp_id, record.edition), instance, record.checksum
                )
            if post.sticky:
                self.run.pages.sticky.setdefault(post.sticky, []).append(post.page)
