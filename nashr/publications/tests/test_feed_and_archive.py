import feedparser
from django.test import TestCase

from nashr.core.tests.factories import add_section, build_editions
from nashr.publications.tests.factories import add_issue, entry

ROOT = "http://localhost"


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


class DigestFeedAndArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.en_digest = add_section(homes["en"], "Weekly digest", "digest")
        cls.fa_digest = add_section(homes["fa"], "خلاصهٔ هفته", "digest")
        newsletters = add_section(homes["en"], "Newsletter", "newsletter")
        cls.en_305 = add_issue(
            cls.en_digest,
            "Weekly digest – 305",
            305,
            items=[entry(url="https://example.org/a", title="Report A")],
        )
        cls.en_306 = add_issue(cls.en_digest, "Weekly digest – 306", 306, body="<p>Welcome.</p>")
        cls.draft = add_issue(cls.en_digest, "Weekly digest – 307", 307, live=False)
        cls.fa_1 = add_issue(cls.fa_digest, "خلاصهٔ هفته – ۱", 1)
        cls.letter = add_issue(newsletters, "Newsletter 4", 4, periodical="newsletter")

    def parse(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        feed = feedparser.parse(read(response))
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return feed

    def test_each_edition_has_its_digest_feed_of_sent_issues_only(self):
        for filename in ("rss.xml", "atom.xml"):
            with self.subTest(filename=filename):
                feed = self.parse(f"/en/periodical/digest/{filename}")
                titles = {e.title for e in feed.entries}
                self.assertEqual(titles, {"Weekly digest – 305", "Weekly digest – 306"})
                self.assertEqual(feed.feed.language, "en")
        fa = self.parse("/fa/periodical/digest/rss.xml")
        self.assertEqual([e.title for e in fa.entries], ["خلاصهٔ هفته – ۱"])
        self.assertEqual(fa.feed.language, "fa")

    def test_a_digest_entry_carries_its_entries_with_their_links(self):
        feed = self.parse("/en/periodical/digest/rss.xml")
        item = next(e for e in feed.entries if e.title == "Weekly digest – 305")
        self.assertEqual(item.link, f"{ROOT}{self.en_305.url}")
        self.assertIn('href="https://example.org/a"', item.content[0].value)
        self.assertIn("Report A", item.content[0].value)

    def test_the_newsletter_feed_keeps_to_the_newsletter(self):
        feed = self.parse("/en/periodical/newsletter/atom.xml")
        self.assertEqual([e.title for e in feed.entries], ["Newsletter 4"])

    def test_the_periodicals_section_is_its_archive_and_an_issue_page_shows_its_entries(self):
        archive = self.client.get(self.en_digest.url).content.decode()
        self.assertIn("Weekly digest – 305", archive)
        self.assertIn("Weekly digest – 306", archive)
        self.assertNotIn("Weekly digest – 307", archive)  # a draft is not in the archive
        page = self.client.get(self.en_305.url)
        self.assertContains(page, '<a href="https://example.org/a" rel="noopener" class="digest__outside">')
        self.assertContains(page, 'href="/en/periodical/digest/rss.xml"')
        self.assertContains(page, "no. 305")
        fa = self.client.get(self.fa_1.url)
        self.assertContains(fa, "۱")
        self.assertContains(fa, 'dir="rtl"')
