"""What an article shows around its text: breadcrumbs, reading time, the comment count as a small link,
newer and older pieces, and "You may also like" as cards with pictures."""

from django.test import TestCase

from nashr.articles.models import WORDS_PER_MINUTE, WORDS_PER_MINUTE_DEFAULT
from nashr.articles.tests.factories import articles_in_editions, make_article
from nashr.core.tests.factories import ImageFactory, days_ago, translate


def paragraphs(words):
    return [("paragraph", "<p>" + " ".join(["word"] * words) + "</p>")]


class ArticleSurroundingsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        articles_in_editions(cls)
        cls.image = ImageFactory()
        cls.older = make_article(
            cls.section, "Rain", published_at=days_ago(3), categories=[cls.culture], lead_image=cls.image
        )
        cls.article = make_article(
            cls.section,
            "Book fair opens",
            published_at=days_ago(2),
            categories=[cls.culture],
            body=paragraphs(WORDS_PER_MINUTE_DEFAULT * 3),
        )
        cls.fa_article = translate(cls.article, "fa", title="نمایشگاه کتاب", slug="book-fair-fa")

    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_breadcrumbs_lead_from_home_through_section_to_category(self):
        crumbs = self.article.breadcrumbs()
        self.assertEqual([c.title for c in crumbs], ["Nashr", "Articles", "Culture"])
        self.assertEqual([c.url for c in crumbs], ["/en/", "/en/articles/", "/en/category/culture/"])
        response = self.get(self.article)
        self.assertContains(
            response,
            '<li><a href="/en/">Home</a></li><li><a href="/en/articles/">Articles</a></li>'
            '<li><a href="/en/category/culture/">Culture</a></li>',
            html=False,
        )

    def test_breadcrumbs_and_json_ld_share_one_lookup_of_the_ancestors(self):
        self.article.breadcrumbs()
        with self.assertNumQueries(0):
            self.article.breadcrumbs()  # the trail is kept on the page, the category list too

    def test_reading_time_rounds_up_at_the_edition_speed(self):
        self.assertEqual(self.article.reading_time, 3)
        self.assertContains(self.get(self.article), '<span class="byline__reading">3 min read</span>')
        fa = self.fa_article
        words = WORDS_PER_MINUTE_DEFAULT * 3
        self.assertEqual(fa.reading_time, -(-words // WORDS_PER_MINUTE["fa"]))  # Persian is read more slowly
        self.assertGreater(fa.reading_time, self.article.reading_time)
        self.assertEqual(self.older.reading_time, 1)  # never "0 min"

    def test_reading_time_counts_the_words_djangos_strip_tags_leaves_of_rich_text(self):
        from django.utils.html import strip_tags

        from nashr.articles.models import _TAG

        for html in [
            '<p data-block-key="a1">One <b>two</b> <a href="/x/" linktype="page" id="3">three four</a>.</p>',
            '<h2 data-block-key="b">A&amp;B</h2><ul><li>x<i>y</i></li><li>z</li></ul><p>w<br/>v</p>',
            "<p>بازار <b>کتاب</b> باز شد</p><p>سوق <i>الكتب</i></p>",
        ]:
            with self.subTest(html=html):
                self.assertEqual(_TAG.sub("", html).split(), strip_tags(html).split())

    def test_comment_count_is_a_small_link_and_the_heading_says_comments(self):
        response = self.get(self.article)
        self.assertContains(response, '<a class="byline__comments" href="#comments">0 comments</a>')
        self.assertContains(response, '<h2 id="comments-heading">Comments</h2>')
        self.assertContains(response, "No comments yet.")

    def test_a_lone_neighbour_link_reads_as_one_block(self):
        html = self.get(self.older).content.decode()
        self.assertIn('<a class="post-nav__newer" rel="prev" href="/en/articles/book-fair-opens/">', html)
        self.assertNotIn("post-nav__older", html)

    def test_you_may_also_like_shows_cards_with_pictures(self):
        response = self.get(self.article)
        self.assertContains(response, '<section class="related" aria-labelledby="related-heading">')
        self.assertContains(response, f'<a class="card__image" href="{self.older.url}"')
