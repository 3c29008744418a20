"""Stage 5, pages: WordPress posts become `ArticlePage`s, WordPress pages `StandardPage`s.

Each item is planned by its status (`scan.status_plan`: live, protected, scheduled, draft or skip) and
compared with the ledger: unchanged items are left alone, changed ones updated in place (a new revision,
published if the item is), new ones made. A new post, live or draft, is only made ready and handed to the
batch (`bulk.NewPost`), which writes it with the others; anything else is saved here and now. A page whose
parent page is not imported yet waits for it (`finish_deferred`). Comments (stage 6) and redirects
(stage 7) of each item are made with it, in its transaction.
"""

from contextlib import nullcontext
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from nashr.articles.models import ArticleAuthor, ArticlePage, ArticleTag
from nashr.home.models import StandardPage

from .bulk import NewPost
from .convert import to_blocks, to_rich_text
from .ledger import checksum
from .names import readable_slug
from .redirects import old_paths, path_of
from .scan import CONTENT_TYPES, parse_date, status_plan

INTERNAL_TYPES = {
    "revision", "nav_menu_item", "custom_css", "customize_changeset", "oembed_cache", "user_request",
    "wp_block", "wp_template", "wp_template_part", "wp_global_styles", "wp_navigation", "wp_font_family",
    "wp_font_face", "polylang_mo", "feedback", "jp_pay_order", "jp_pay_product",
}  # fmt: skip
SET_IN_MEMORY = {"article_authors", "tagged_items"}  # the child relations a new post is given


def item_data(item):
    """What `ImportedItem.data` keeps of a post or page."""
    return {
        "title": item.title,
        "slug": item.name,
        "link": item.link,
        "guid": item.guid,
        "status": item.status,
        "author": item.creator,
        "sticky": item.sticky,
        "comment_status": item.comment_status,
        "menu_order": item.menu_order,
        "custom_fields": item.meta,
    }


def sync_restriction(page, password, new=False):
    """The page's password restriction: WordPress's password, or none."""
    if new and not password:
        return
    restrictions = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.PASSWORD
    )
    if password:
        restriction = restrictions.first() or PageViewRestriction(
            page=page, restriction_type=PageViewRestriction.PASSWORD
        )
        restriction.password = password
        restriction.save(user=None)
    elif restrictions.exists():
        restrictions.delete()


class Pages:
    def __init__(self, run):
        self.run = run
        self.deferred = []  # pages waiting for their parent page
        self.sticky = {}  # edition code -> its sticky live posts

    def add(self, item):
        """Import one post, page or other item of the file (other items are skipped, and reported)."""
        report = self.run.report
        if item.post_type not in CONTENT_TYPES:
            internal = item.post_type in INTERNAL_TYPES
            reason = (
                f"WordPress internals ({item.post_type})"
                if internal
                else f"unknown post type {item.post_type!r}"
            )
            report.add("other", "", "skipped", reason)
            return
        edition = self.run.editions.of_item(item)
        plan, reason = status_plan(item)
        if plan == "skip":
            report.add(item.post_type, edition.code, "skipped", reason)
            for _ in item.comments:
                report.add("comment", edition.code, "skipped", "its post was not imported")
            return
        if item.post_type == "page":
            parent_id = self.run.scan.page_parent.get(item.wp_id)
            if (
                parent_id
                and parent_id in self.run.scan.importable
                and ("page", parent_id, "") not in self.run.ledger
            ):
                self.deferred.append(item)
                return
        self.import_page(item, edition, plan, reason)

    def add_now(self, item):
        self.import_page(item, self.run.editions.of_item(item), *status_plan(item))

    def finish_deferred(self):
        """The pages that waited for their parents; those whose parent never came go to the top."""
        while self.deferred:
            waiting, self.deferred = self.deferred, []
            progress = False
            for item in waiting:
                parent_id = self.run.scan.page_parent.get(item.wp_id)
                if ("page", parent_id, "") in self.run.ledger or self.run.dry_run:
                    progress = True
                    self.run.batches.guarded("page", item, self.add_now)
                else:
                    self.deferred.append(item)
            if not progress:
                for item in self.deferred:
                    self.run.report.notes.append(
                        f"page {item.wp_id}: its parent could not be imported; placed at the top"
                    )
                    self.run.scan.page_parent.pop(item.wp_id, None)
                    self.run.batches.guarded("page", item, self.add_now)
                self.deferred = []

    def import_page(self, item, edition, plan, reason):
        run, kind = self.run, item.post_type
        model = ArticlePage if kind == "post" else StandardPage
        new_digest = checksum(asdict(item), edition.code, run.scan.item_group.get(item.wp_id))
        object_id, digest = run.ledger.get((kind, item.wp_id, ""))
        page = None
        if object_id is not None and (
            digest != new_digest or not model.objects.filter(pk=object_id).exists()
        ):
            page, digest = run.ledger.existing(kind, item.wp_id, "", model)
        if digest == new_digest:
            run.report.add(kind, edition.code, "unchanged")
            for _ in item.comments:
                run.report.add("comment", edition.code, "unchanged")
            return
        outcome = "updated" if page is not None else "created"
        if run.dry_run:
            run.report.add(kind, edition.code, outcome, reason)
            for _ in item.comments:
                run.report.add("comment", edition.code, outcome if kind == "post" else "skipped")
            return
        post = NewPost(item) if self.goes_in_bulk(item, plan, page) else None
        with transaction.atomic() if post is None else nullcontext():
            page = self.save_page(item, edition, plan, page, model, post)
            run.comments.add(item, page, edition, post)
            data = item_data(item)
            if post is None:
                run.ledger.remember(kind, item.wp_id, "", page, new_digest, data)
            else:
                post.records.append((run.ledger.record(kind, item.wp_id, "", page, new_digest, data), page))
            if plan in ("live", "protected", "scheduled"):
                self.redirect(item, page, post)
        sticky = item.sticky and plan == "live"
        if post is not None:
            post.sticky = edition.code if sticky else ""
            post.outcomes.append((kind, edition.code, outcome, reason))
            run.batches.new_posts.add(post)  # last: an item that failed before this point is not written
            return
        if sticky:
            self.sticky.setdefault(edition.code, []).append(page)
        run.report.add(kind, edition.code, outcome, reason)

    def goes_in_bulk(self, item, plan, page):
        """A post seen for the first time, live or draft (no revision, no restriction), is written with
        the other new posts of its batch (`Batches.write_new_posts`)."""
        ledger = self.run.ledger
        return (
            self.run.batches.in_bulk
            and page is None
            and item.post_type == "post"
            and plan in ("live", "draft")
            and ("post", item.wp_id, "") not in ledger
            and not any(("comment", c.wp_id, "") in ledger for c in item.comments)
        )

    def redirect(self, item, page, post):
        """Old addresses of the item, and of its attachments not imported on their own, to the page."""
        run = self.run
        run.redirects.add(old_paths(item, item.post_type, run.base_path), page=page, post=post)
        for attachment_id in run.scan.children_attachments.get(item.wp_id, []):
            if ("attachment", attachment_id, "") not in run.ledger:
                paths = [
                    path_of(run.scan.attachments[attachment_id]["link"]),
                    f"{run.base_path}/?attachment_id={attachment_id}",
                ]
                run.redirects.add(paths, page=page, post=post)

    # -- one page --------------------------------------------------------------------------------

    def parent_of(self, item, edition):
        if item.post_type == "post":
            return self.run.editions.articles_section(edition)
        parent_id = self.run.scan.page_parent.get(item.wp_id)
        ledger = self.run.ledger
        parent = ledger.objects.get(("page", parent_id, "")) if parent_id else None
        if parent is None and parent_id and ("page", parent_id, "") in ledger:
            parent = StandardPage.objects.get(pk=ledger.get(("page", parent_id, ""))[0])
        return parent or edition.home

    def save_page(self, item, edition, plan, page, model, post=None):
        """Save the page for `item` (new if `page` is None); with `post`, a new post is only made ready
        for `NewPosts.write`: placed in the tree, its fields and relations set, nothing saved."""
        run = self.run
        parent = self.parent_of(item, edition)
        new = page is None
        if new:
            group = run.scan.item_group.get(item.wp_id) or f"post:{item.wp_id}"
            key = run.names.translation_key(group, Page, edition.locale)
            page = model(locale=edition.locale, translation_key=key)
            slug = readable_slug(item.name, item.title, f"{item.post_type}-{item.wp_id}")
            page.slug = run.names.page_slug(parent, slug)
        relations = self.set_fields(item, edition, page, plan, new)
        if post is not None:
            self.make_ready(page, parent, post, relations)
        elif new:
            run.tree.add_child(parent, page)
            if model is ArticlePage:
                write_relations(page, *relations)
        else:
            page.save()
        sync_restriction(page, item.password if plan == "protected" else "", new)
        live = plan in ("live", "protected")
        if plan == "scheduled" or not new:
            revision = page.save_revision(log_action=False)
            if live or plan == "scheduled":
                revision.publish(log_action=False)
            elif page.live:
                page.unpublish(log_action=False)
        run.terms.tag_archives(item, edition)
        return page

    def set_fields(self, item, edition, page, plan, new):
        """Set the page's fields from `item`; for a post, (categories, tags, people) it is filed under
        (a new post's are written by the caller)."""
        date = parse_date(item.date_gmt, item.date) or timezone.now()
        blocks = to_blocks(item.content, self.run.attachments.find_image)
        title = (
            item.title.strip() or strip_tags(item.excerpt or item.content).strip()[:80] or f"#{item.wp_id}"
        )
        page.title = title[:255]
        page.summary = strip_tags(item.excerpt).strip()
        relations = ([], [], [])
        if isinstance(page, ArticlePage):
            page.published_at = date
            page.body = [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]
            thumbnail = item.meta.get("_thumbnail_id")
            page.lead_image = (
                self.run.attachments.find_image(thumbnail, "") if isinstance(thumbnail, str) else None
            )
            relations = (
                self.run.terms.of_item(item, edition),
                self.run.terms.tags_of(item),
                self.run.terms.authors_of(item, edition),
            )
            if not new:
                categories, tags, people = relations
                page.categories = categories
                page.tags.set(tags)
                page.article_authors = [ArticleAuthor(person=p, sort_order=i) for i, p in enumerate(people)]
        else:
            page.body = to_rich_text(blocks)
        page.go_live_at = date if plan == "scheduled" else None
        if new:
            live = plan in ("live", "protected")
            page.live = live
            page.has_unpublished_changes = not live
            if live:
                page.first_published_at = page.last_published_at = date
        return relations

    def make_ready(self, page, parent, post, relations):
        """A new post as it would be saved, for `NewPosts.write`: placed, its relations in memory."""
        categories, tags, people = relations
        self.run.tree.place(parent, page)
        page.set_url_path(parent)
        page.edition_id = page.locale_id  # as `PostPage.save()` does
        page.parent_page_id = parent.pk
        # Child relations in memory, as a form sets them: written from there, and indexed as they are.
        page.article_authors = [ArticleAuthor(person=p, sort_order=i) for i, p in enumerate(people)]
        page.tagged_items = [ArticleTag(tag=tag) for tag in tags]
        for relation in get_all_child_relations(ArticlePage):
            if relation.get_accessor_name() not in SET_IN_MEMORY:
                setattr(page, relation.get_accessor_name(), [])  # none yet, without asking the database
        post.page, post.parent, post.categories = page, parent, categories

    def feature_sticky(self):
        """Feature the newest sticky post on an edition's home that features nothing yet."""
        if self.run.dry_run:
            return
        for code, pages in self.sticky.items():
            home = self.run.editions[code].home
            home.refresh_from_db()
            if home.featured_id is None and pages:
                newest = max(pages, key=lambda p: p.published_at)
                home.featured = newest
                home.save_revision(log_action=False).publish(log_action=False)
                self.run.report.notes.append(
                    f"{code}: the newest sticky post, {newest.title!r}, is now featured"
                )


def write_relations(page, categories, tags, people):
    """A new article's authors, categories and tags: it has no rows to compare with, so each in one go."""
    ArticleAuthor.objects.bulk_create(
        [ArticleAuthor(page=page, person=p, sort_order=i) for i, p in enumerate(people)]
    )
    through = ArticlePage.categories.through
    through.objects.bulk_create([through(articlepage=page, category=c) for c in categories])
    ArticleTag.objects.bulk_create([ArticleTag(content_object=page, tag=tag) for tag in tags])
