"""Imports a WordPress export into Nashr: a pipeline of stages around one ledger of what was imported.

    read (scan) -> plan editions (editions) -> terms -> attachments -> pages -> comments -> redirects

1. `scan.read`: a first pass reads the whole file without writing anything; a malformed file stops here,
   naming the line, and the site is untouched.
2. `editions.Editions`: every WordPress language must have an edition (`--map-language`,
   `--create-editions`), or the import stops before writing anything (`ImportStopped`).
3. `terms.Terms`: categories per edition, authors, tags.
4. `attachments.Attachments`: a second pass imports images and documents.
5. `pages.Pages`: a third pass imports posts and pages; with each, its comments (`comments.Comments`,
   stage 6) and redirects from its old addresses (`redirects.Redirects`, stage 7).

Every object is recorded in the ledger (`ledger.Ledger`, the `ImportedItem` table) with a checksum of its
WordPress data: a second run updates what changed, leaves the rest, and so also resumes an interrupted
run. Items are committed in batches, each one all or nothing (`batches.Batches`); new posts are written
table by table at the end of their batch (`bulk.NewPosts`). `WordPressImporter` holds the run's options
and stages, and drives them; the management command `import_wordpress` drives it.
"""

from pathlib import Path
from urllib.parse import urlparse

from nashr.core.bulk import refresh_statistics
from nashr.publishing.signals import deferred as publishing_deferred

from . import reader, scan
from .attachments import Attachments
from .batches import Batches, sqlite_write_ahead_log
from .comments import Comments
from .editions import Editions, ImportStopped
from .indexes import indexes_updated_afterwards, update_indexes
from .ledger import Ledger
from .names import Names
from .pages import Pages
from .redirects import Redirects
from .report import Report
from .terms import Terms
from .tree import Tree

__all__ = ["ImportStopped", "WordPressImporter"]


class WordPressImporter:
    """One import run: its options, what the stages share (scan, editions, ledger), and the stages."""

    def __init__(
        self,
        path,
        *,
        edition=None,
        uploads=None,
        dry_run=False,
        site_url=None,
        map_language=None,
        create_editions=False,
        stdout=None,
    ):
        self.path = Path(path)
        self.uploads = Path(uploads) if uploads else None
        self.dry_run = dry_run
        self.site_url = site_url
        self.options = {"default": edition, "map_language": map_language, "create": create_editions}
        self.stdout = stdout
        self.report = Report(dry_run=dry_run)
        self.source = self.base_path = ""
        self.scan = self.editions = None
        self.ledger = Ledger()
        self.names, self.tree, self.redirects = Names(self), Tree(), Redirects(self)
        self.terms, self.attachments, self.pages = Terms(self), Attachments(self), Pages(self)
        self.comments, self.batches = Comments(self), Batches(self)

    def run(self):
        if not self.path.is_file():
            raise ImportStopped(f"{self.path}: no such file")
        if self.uploads and not self.uploads.is_dir():
            raise ImportStopped(f"--uploads {self.uploads}: no such folder")
        self.scan = scan.read(self.path, self.report)
        channel = self.scan.channel
        self.source = (self.site_url or channel.base_blog_url or channel.link or "").rstrip("/")
        if not self.source:
            raise ImportStopped("the export names no site address; give it with --site-url URL")
        self.base_path = urlparse(self.source).path.rstrip("/")
        self.editions = Editions(self.scan, self.report, dry_run=self.dry_run, **self.options)
        self.editions.resolve()
        self.ledger.source = self.source
        self.forget()
        sqlite_write_ahead_log()
        # Page-cache purges and static re-renders: once for the whole site at the end, not per page.
        with publishing_deferred(), indexes_updated_afterwards():
            self.terms.import_all()
            self.batches.in_batches(
                ("attachment", item, self.attachments.add)
                for item in self.items()
                if item.post_type == "attachment"
            )
            self.batches.in_batches(
                (item.post_type, item, self.pages.add)
                for item in self.items()
                if item.post_type != "attachment"
            )
            self.pages.finish_deferred()
            self.pages.feature_sticky()
            refresh_statistics()  # before the site is renewed and its pages rendered again
        if not self.dry_run:
            update_indexes(self.source)
        return self.report

    def items(self):
        """The file's items (posts, pages, attachments, others), read again from the file."""
        return (record for record in reader.read(self.path) if isinstance(record, reader.Item))

    def forget(self):
        """(Re)load what earlier items made from the ledger, and forget what the stages keep in memory:
        after a failed item, whose transaction was rolled back, nothing it made may be used again."""
        self.ledger.load()
        for part in (self.names, self.tree, self.redirects, self.terms):
            part.forget()
        if self.editions is not None:
            self.editions.forget()
