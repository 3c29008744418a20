"""The library internals the importer relies on (`wordpress/internals.py`, `core/bulk.py`) still exist and
behave as relied upon: a library upgrade that changes one fails here."""

from django.test import TestCase
from wagtail.models import Page, ReferenceIndex

from nashr.articles.models import ArticlePage
from nashr.core.bulk import child_paths, insert_pages, last_child_path, position_of
from nashr.core.tests.factories import ImageFactory, add_section, build_editions
from nashr.wordpress import internals


class TreeInternalsTests(TestCase):
    def setUp(self):
        build_editions()
        self.parent = Page.objects.filter(depth=2).first()

    def test_child_paths_are_the_paths_treebeard_gives_new_children(self):
        last = last_child_path(self.parent)
        first, second = child_paths(self.parent, 2, last)
        self.assertEqual(position_of(second), position_of(first) + 1)
        added = self.parent.add_child(instance=Page(title="Placed by treebeard", slug="placed"))
        self.assertEqual(added.path, first)
        self.assertEqual(last_child_path(self.parent), first)

    def test_a_parent_without_children_gets_the_first_path(self):
        leaf = self.parent.add_child(instance=Page(title="Leaf", slug="leaf"))
        self.assertEqual(last_child_path(leaf), "")
        self.assertEqual(child_paths(leaf, 1), [leaf.path + Page._int2str(1).rjust(Page.steplen, "0")])

    def test_a_full_parent_is_refused_with_a_reason(self):
        full = Page.alphabet[-1] * Page.steplen
        with self.assertRaisesMessage(ValueError, "no room for another page under"):
            child_paths(self.parent, 1, self.parent.path + full)

    def test_pages_inserted_in_bulk_are_whole_pages_in_the_tree(self):
        section = add_section(self.parent, "Articles", "articles")
        pages = []
        for number, path in enumerate(child_paths(section, 2, last_child_path(section))):
            page = ArticlePage(
                title=f"Bulk {number}", slug=f"bulk-{number}", locale=section.locale, path=path
            )
            page.depth, page.numchild, page.draft_title = section.depth + 1, 0, page.title
            page.set_url_path(section)
            page.edition_id = page.locale_id
            pages.append(page)
        insert_pages(pages)
        Page.objects.filter(pk=section.pk).update(numchild=len(pages))
        self.assertEqual(
            [p.title for p in ArticlePage.objects.child_of(section).filter(title__startswith="Bulk")],
            ["Bulk 0", "Bulk 1"],
        )
        self.assertFalse(pages[0]._state.adding)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))


class WagtailInternalsTests(TestCase):
    def setUp(self):
        build_editions()

    def test_a_known_parent_is_not_read_again(self):
        parent = Page.objects.filter(depth=2).first()
        child = parent.get_first_child() or parent.add_child(instance=Page(title="Child", slug="child"))
        child = Page.objects.get(pk=child.pk)
        internals.known_parent(child, parent)
        with self.assertNumQueries(0):
            self.assertIs(child.get_parent(), parent)

    def test_a_page_told_it_is_no_site_root_does_not_ask(self):
        root = Page.objects.filter(depth=2).first()
        self.assertTrue(root.is_site_root())
        internals.not_a_site_root(root)
        with self.assertNumQueries(0):
            self.assertFalse(root.is_site_root())

    def test_references_and_their_hash_are_those_wagtail_records(self):
        section = add_section(Page.objects.filter(depth=2).first(), "Articles", "articles")
        article = ArticlePage(title="Lanterns", slug="lanterns", lead_image=ImageFactory())
        section.add_child(instance=article)
        ReferenceIndex.create_or_update_for_object(article)
        recorded = set(
            ReferenceIndex.objects.filter(object_id=str(article.pk)).values_list(
                "to_content_type_id", "to_object_id", "model_path", "content_path", "content_path_hash"
            )
        )
        found = {(*ref, internals.content_path_hash(ref[3])) for ref in internals.references_of(article)}
        self.assertTrue(found)
        self.assertEqual(found, recorded)
