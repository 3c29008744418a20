"""The library internals the importer relies on, each in one place, with why.

Everything else goes through public Wagtail, treebeard, modelcluster and Django API. What is here saves a
query or more per imported page (tens of thousands on a large site) where no public call does the same;
`tests/test_internals.py` checks that each name still exists and behaves as relied upon, so a library
upgrade that changes one fails there, not in the middle of an import. The tree paths of new pages
(treebeard's `_get_path`, `_str2int`) are in `nashr/core/bulk.py`, shared with generated content.
"""

from wagtail.models import ReferenceIndex


def known_parent(page, parent):
    """Tell a new page its parent, so that saving it does not read the parent again.

    Treebeard's `MP_Node.get_parent()` returns `_cached_parent_obj` when it is set (its own `add_child`
    sets it the same way); Wagtail's `Page.save()` asks for the parent of a new page to set its URL path.
    """
    page._cached_parent_obj = parent


def not_a_site_root(page):
    """Tell a new page it is not the root of a site (an imported page never is).

    Wagtail's `Page.is_site_root()` returns `_is_site_root` when it is set (as
    `PageQuerySet.annotate_site_root_state()` sets it); otherwise `Page.save()` asks the database, per page.
    """
    page._is_site_root = False


def references_of(instance):
    """The references `ReferenceIndex.create_or_update_for_object` would record for `instance`, as
    (to content type id, to object id, model path, content path): Wagtail finds them with
    `_extract_references_from_object`, which its public call uses for one object at a time; the importer
    indexes thousands at once (`indexes.reference_index_in_bulk`)."""
    return set(ReferenceIndex._extract_references_from_object(instance))


def content_path_hash(content_path):
    """The hash Wagtail stores beside a reference's content path (`ReferenceIndex.content_path_hash`),
    computed as Wagtail computes it, for rows written in bulk."""
    return ReferenceIndex._get_content_path_hash(content_path)
