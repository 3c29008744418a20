from django.test import SimpleTestCase

from nashr.publishing.parallel import family, runs


class RunsTests(SimpleTestCase):
    """How a full build deals its addresses to processes (publishing/parallel.py)."""

    PATHS = [
        "/en/",
        "/en/articles/",
        "/en/articles/rain/",
        "/en/tag/rain/",
        "/en/tag/rain/rss.xml",
        "/en/tag/rain/atom.xml",
        "/en/tag/rain/feed.json",
        "/en/tag/snow/rss.xml",
        "/en/tag/snow/atom.xml",
        "/en/tag/snow/feed.json",
        "/sitemap.xml",
        "/en/rss.xml",
    ]

    def test_a_feed_belongs_with_the_page_of_its_folder(self):
        self.assertEqual(family("/en/tag/rain/atom.xml"), "/en/tag/rain/")
        self.assertEqual(family("/en/rss.xml"), "/en/")
        self.assertEqual(family("/sitemap.xml"), "/")
        self.assertEqual(family("/en/articles/rain/"), "/en/articles/rain/")

    def test_every_address_is_dealt_once_and_a_pages_feeds_in_its_run(self):
        for size in (1, 2, 3, 5, 100):
            dealt = runs(self.PATHS, size)
            flat = [path for run in dealt for path in run]
            self.assertCountEqual(flat, self.PATHS, size)
            self.assertEqual(len(flat), len(set(flat)), size)
            for path in self.PATHS:
                (holding,) = [run for run in dealt if path in run]
                self.assertTrue({p for p in self.PATHS if family(p) == family(path)} <= set(holding), size)

    def test_runs_keep_the_list_order_and_close_at_their_size(self):
        dealt = runs(self.PATHS, 3)
        # The edition's feed, listed near the end, comes with its home.
        self.assertEqual(dealt[0], ["/en/", "/en/rss.xml", "/en/articles/"])
        self.assertEqual(
            dealt[1],
            [
                "/en/articles/rain/",
                "/en/tag/rain/",
                "/en/tag/rain/rss.xml",
                "/en/tag/rain/atom.xml",
                "/en/tag/rain/feed.json",
            ],
        )
        snow = ["/en/tag/snow/rss.xml", "/en/tag/snow/atom.xml", "/en/tag/snow/feed.json"]
        self.assertEqual(dealt[2], snow)
        self.assertEqual(dealt[3], ["/sitemap.xml"])
        self.assertEqual(runs([], 3), [])
