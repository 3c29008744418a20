"""Stage 6, comments: a post's comments, threaded, imported with it.

Comments of a new post written in bulk wait in its `NewPost` (`bulk.write_comments`); otherwise each is
saved now and the threads are joined afterwards. Nashr has comments on posts only: those on WordPress pages
are skipped, and reported. The commenter's network address is not kept: Nashr does not profile readers.
"""

from dataclasses import asdict

from nashr.articles.models import ArticlePage
from nashr.comments.models import Comment

from .ledger import checksum
from .scan import parse_date

COMMENT_STATUS = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
    "post-trashed": Comment.Status.REJECTED,
}


class Comments:
    def __init__(self, run):
        self.run = run

    def add(self, item, page, edition, post=None):
        """The item's comments, threaded; with `post`, made ready to be written with the new post."""
        if not item.comments:
            return
        report = self.run.report
        if not isinstance(page, ArticlePage):
            for _ in item.comments:
                reason = "on a WordPress page: Nashr has comments on posts only"
                report.add("comment", edition.code, "skipped", reason)
            return
        made = {}
        for record in item.comments:
            instance, digest = self.run.ledger.existing("comment", record.wp_id, "", Comment)
            new_digest = checksum(asdict(record))
            if instance is not None and digest == new_digest:
                made[record.wp_id] = instance
                report.add("comment", edition.code, "unchanged")
                continue
            outcome = "updated" if instance else "created"
            instance = fill(instance or Comment(page=page), record)
            written = parse_date(record.date_gmt, record.date)
            data = {"url": record.url, "type": record.type, "approved": record.approved, "meta": record.meta}
            if post is not None:
                parent_id = record.parent if record.parent != "0" else None
                post.comments.append((instance, record.wp_id, parent_id, written))
                post.outcomes.append(("comment", edition.code, outcome, None))
                post.records.append(
                    (
                        self.run.ledger.record("comment", record.wp_id, "", instance, new_digest, data),
                        instance,
                    )
                )
                continue
            instance.save()
            if written:
                Comment.objects.filter(pk=instance.pk).update(created_at=written)
            self.run.ledger.remember("comment", record.wp_id, "", instance, new_digest, data)
            made[record.wp_id] = instance
            report.add("comment", edition.code, outcome)
        if post is None:
            thread(item.comments, made)


def fill(instance, record):
    instance.name = (record.author or "—")[:100]
    instance.email = record.email[:254]
    instance.body = record.content
    instance.status = COMMENT_STATUS.get(record.approved, Comment.Status.PENDING)
    return instance


def thread(records, made):
    """Join saved comments to the comments they answer."""
    for record in records:
        parent = made.get(record.parent) if record.parent != "0" else None
        instance = made[record.wp_id]
        if instance.parent_id != (parent.pk if parent else None):
            instance.parent = parent
            instance.save(update_fields=["parent"])
