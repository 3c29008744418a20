from django.test import TestCase
from wagtail.models import PageViewRestriction

from nashr.caching.store import request_generations
from nashr.core.tests.factories import add_section, build_editions


class ViewRestrictionsTests(TestCase):
    """A request reads the site's view restrictions once; Wagtail's check of the page served uses it."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")

    def test_a_site_without_restrictions_checks_a_page_with_no_query_of_its_own(self):
        with request_generations():
            with self.assertNumQueries(1):  # the request's one read of every restriction
                self.assertEqual(list(self.section.get_view_restrictions()), [])
            with self.assertNumQueries(0):
                self.assertEqual(list(self.section.get_view_restrictions()), [])

    def test_the_empty_answer_is_still_a_queryset_for_the_admin(self):
        with request_generations():
            restrictions = self.section.get_view_restrictions()
            with self.assertNumQueries(0):
                self.assertFalse(restrictions.exists())
                self.assertEqual(list(restrictions.order_by("-page__depth")), [])

    def test_a_restriction_above_the_page_is_found(self):
        home = self.section.get_parent()
        restriction = PageViewRestriction.objects.create(page=home, restriction_type="password", password="x")
        with request_generations():
            self.assertEqual(list(self.section.get_view_restrictions()), [restriction])

    def test_a_restriction_saved_in_the_request_is_seen_by_the_rest_of_it(self):
        with request_generations():
            self.assertEqual(list(self.section.get_view_restrictions()), [])
            restriction = PageViewRestriction.objects.create(
                page=self.section, restriction_type="password", password="x"
            )
            self.assertEqual(list(self.section.get_view_restrictions()), [restriction])
            restriction.delete()
            self.assertEqual(list(self.section.get_view_restrictions()), [])
