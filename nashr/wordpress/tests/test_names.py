from django.test import SimpleTestCase

from nashr.wordpress.names import readable_slug, unique_slug


class UniqueSlugTests(SimpleTestCase):
    def test_a_free_slug_is_kept_and_then_taken(self):
        taken = {"other"}
        self.assertEqual(unique_slug("harbour", taken, 190), "harbour")
        self.assertEqual(taken, {"other", "harbour"})

    def test_a_taken_slug_gets_the_first_free_number(self):
        taken = {"harbour", "harbour-2", "harbour-4"}
        self.assertEqual(unique_slug("harbour", taken, 190), "harbour-3")
        self.assertEqual(unique_slug("harbour", taken, 190), "harbour-5")

    def test_a_long_slug_is_cut_to_fit_its_number(self):
        long = "ب" * 100
        self.assertEqual(unique_slug(long, {long}, 90), "ب" * 90 + "-2")

    def test_readable_slugs_in_any_script(self):
        self.assertEqual(readable_slug("%D9%83%D8%AA%D8%A7%D8%A8", "", "post-1"), "كتاب")
        self.assertEqual(readable_slug("", "می\u200cرود", "post-1"), "می-رود")
        self.assertEqual(readable_slug("", "!!!", "post-1"), "post-1")
