"""Where a new page goes in the page tree: the last child of its parent.

Treebeard's `add_child` reads the parent's last child for every page it adds. An import adds thousands of
pages to a few parents, so `Tree` reads the last child once per parent and run, then counts on from it
(`place`); a new post written in bulk is only placed, a page saved now is placed and saved (`add_child`).
"""

from django.db import IntegrityError
from django.db.models import F
from wagtail.models import Page

from nashr.core.bulk import child_paths, last_child_path

from .internals import known_parent, not_a_site_root


class Tree:
    def __init__(self):
        self.forget()

    def forget(self):
        self.last_child_path = {}  # parent page id -> path of its last child, for new pages

    def place(self, parent, page, again=False):
        """Give a new page its place as the last child of `parent`: depth and tree path, counted on from
        the last child looked up once per parent and run (`again`: looked up anew)."""
        page.depth = parent.depth + 1
        page.numchild = 0
        known_parent(page, parent)
        not_a_site_root(page)
        page.draft_title = page.draft_title or page.title  # as `Page.full_clean()` would
        if page.locale_id is None:
            page.locale = page.get_default_locale()
        last = self.last_child_path.get(parent.pk)
        if last is None or again:
            last = last_child_path(parent)
        page.path = child_paths(parent, 1, last)[0]
        self.last_child_path[parent.pk] = page.path

    def add_child(self, parent, page):
        """Treebeard's `add_child` and Wagtail's page save, less what an import does not need per page:
        the parent's last child is looked up once per run (then counted on, see `place`), the fields are
        not validated again (the importer sets title and a unique slug itself) and no audit-log entry is
        written for each page (`ImportedItem` records where each page came from). Should an editor add a
        page to the same parent meanwhile, the place is looked up again."""
        for attempt in (1, 2):
            self.place(parent, page, again=attempt == 2)
            try:
                page.save(clean=False, log_action=None)
                break
            except IntegrityError:  # the path was taken since it was looked up
                if attempt == 2 or page.pk is not None:
                    raise
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1
