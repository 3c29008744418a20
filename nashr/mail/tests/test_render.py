import re
from email import message_from_bytes
from urllib.parse import urlsplit

from django.core import mail
from django.test import TestCase, override_settings

from nashr.articles.models import ArticlePage
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, publish
from nashr.mail import MANAGE_TOKEN, UNSUBSCRIBE_TOKEN, Rendered, as_email, personalise, render_issue
from nashr.publications.tests.factories import add_issue, entry

SITE = "http://localhost"


def hosts(html):
    """(attribute, URL) of every src and href in `html`."""
    return re.findall(r'\s(src|href)="([^"]*)"', html)


def add_article(section, title, **fields):
    article = ArticlePage(title=title, slug=title.lower().replace(" ", "-"), **fields)
    section.add_child(instance=article)
    return publish(article)


class IssueMailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.en_section = add_section(homes["en"], "Weekly digest", "digest")
        cls.fa_section = add_section(homes["fa"], "خلاصهٔ هفته", "digest")
        news = add_section(homes["en"], "News", "news")
        cls.article = add_article(news, "Rain in the valley", summary="Farmers count the cost.")
        cls.en = add_issue(
            cls.en_section,
            "Weekly digest – 306",
            306,
            summary="The week in five lines.",
            body='<p>Good morning. <a href="/en/news/">All the news</a>.</p>',
            items=[
                entry(page=cls.article, summary="Farmers count the cost.", group="News"),
                entry(url="https://reports.example.org/a?b=1&c=2", title="A report", summary="Elsewhere."),
            ],
        )
        cls.fa = add_issue(
            cls.fa_section,
            "خلاصهٔ هفته – ۳۰۶",
            306,
            items=[entry(url="https://example.net/گزارش", title="گزارشی", summary="در یک خط.", group="جهان")],
        )

    def test_a_rendered_issue_is_a_frozen_triple(self):
        rendered = render_issue(self.en)
        self.assertIsInstance(rendered, Rendered)
        self.assertEqual(rendered.subject, "Weekly digest – 306")
        with self.assertRaises(AttributeError):
            rendered.subject = "changed"

    def test_english_is_left_to_right_and_farsi_right_to_left(self):
        en, fa = render_issue(self.en).html, render_issue(self.fa).html
        self.assertRegex(en, r'<html lang="en" dir="ltr"')
        self.assertRegex(fa, r'<html lang="fa" dir="rtl"')
        self.assertIn("direction:rtl", fa)
        self.assertIn("text-align:right", fa)
        self.assertNotIn("text-align:right", en)
        # Persian digits in what the edition writes itself, a font made for the script, no web font.
        self.assertIn("۳۰۶", fa)
        self.assertIn("Vazirmatn", fa)
        for html in (en, fa):
            self.assertNotIn("fonts.googleapis", html)
            self.assertNotIn("@import", html)
            self.assertNotIn("<link", html)

    def test_both_parts_carry_the_reader_tokens(self):
        for page in (self.en, self.fa):
            rendered = render_issue(page)
            for part in (rendered.html, rendered.text):
                self.assertIn(UNSUBSCRIBE_TOKEN, part)
                self.assertIn(MANAGE_TOKEN, part)

    def test_links_are_the_sites_or_the_issues_own_and_unchanged(self):
        rendered = render_issue(self.en)
        allowed = {
            "https://reports.example.org/a?b=1&amp;c=2",
            UNSUBSCRIBE_TOKEN,
            MANAGE_TOKEN,
        }
        found = hosts(rendered.html)
        self.assertTrue(found)
        for attribute, url in found:
            if url in allowed:
                continue
            self.assertEqual(urlsplit(url).netloc, "localhost", f"{attribute}={url}")
        self.assertIn(f'href="{SITE}/en/news/rain-in-the-valley/"', rendered.html)
        self.assertIn(f'href="{SITE}/en/news/"', rendered.html)  # a path in the editor's text, made absolute
        self.assertIn('href="https://reports.example.org/a?b=1&amp;c=2"', rendered.html)  # as written
        self.assertNotIn("<img", rendered.html)  # nothing to load: no pixel

    def test_plain_text_part_reads_as_the_issue(self):
        text = render_issue(self.en).text
        self.assertNotIn("<", text.replace("<http", ""))
        self.assertNotIn("&amp;", text)
        self.assertIn("Weekly digest – 306", text)
        self.assertIn("Good morning. All the news <http://localhost/en/news/>.", text)
        self.assertIn("News\n====", text)
        self.assertIn(
            "* Rain in the valley\n  Farmers count the cost.\n  http://localhost/en/news/rain-in-the-valley/",
            text,
        )
        self.assertIn("https://reports.example.org/a?b=1&c=2", text)
        self.assertNotIn("\n\n\n", text)
        fa = render_issue(self.fa).text
        self.assertIn("گزارشی", fa)
        self.assertIn("۳۰۶", fa)

    def test_an_unpublished_piece_is_left_out(self):
        self.article.unpublish()
        rendered = render_issue(self.en)
        self.assertNotIn("Rain in the valley", rendered.html)
        self.assertIn("A report", rendered.html)

    def test_personalise_fills_the_tokens_escaped_in_html(self):
        rendered = personalise(render_issue(self.en), "https://x.test/u?t=1&s=2", "https://x.test/m")
        self.assertIn('href="https://x.test/u?t=1&amp;s=2"', rendered.html)
        self.assertIn("https://x.test/u?t=1&s=2", rendered.text)
        self.assertNotIn(UNSUBSCRIBE_TOKEN, rendered.html + rendered.text)


class ImagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Newsletter", "newsletter")
        cls.issue = add_issue(
            section,
            "Newsletter 12",
            12,
            periodical="newsletter",
            lead_image=ImageFactory(),
            body='<p>See</p><p><img src="https://tracker.example.com/p.gif" alt=""></p>',
        )

    def test_site_images_are_absolute_and_others_are_dropped(self):
        with self.assertLogs("nashr.mail", "WARNING"):
            html = render_issue(self.issue).html
        sources = [url for attribute, url in hosts(html) if attribute == "src"]
        self.assertEqual(len(sources), 1)
        self.assertTrue(sources[0].startswith(f"{SITE}/media/images/"), sources)
        self.assertNotIn("tracker.example.com", html)

    @override_settings(NASHR_MAIL_IMAGES="inline")
    def test_inline_images_travel_in_the_message(self):
        with self.assertLogs("nashr.mail", "WARNING"):
            rendered = render_issue(self.issue)
        self.assertEqual(len(rendered.images), 1)
        image = rendered.images[0]
        self.assertIn(f'src="cid:{image.cid}"', rendered.html)
        self.assertTrue(image.content.startswith(b"\x89PNG") or image.content[:3] == b"\xff\xd8\xff")
        as_email(rendered, ["reader@example.org"]).send()
        message = message_from_bytes(mail.outbox[0].message().as_bytes())
        self.assertEqual(message.get_content_type(), "multipart/related")
        parts = {part.get_content_type(): part for part in message.walk()}
        self.assertIn("text/plain", parts)
        self.assertIn("text/html", parts)
        image_part = next(p for p in message.walk() if p.get_content_maintype() == "image")
        self.assertEqual(image_part["Content-ID"], f"<{image.cid}>")
