"""Every page type renders in every edition with the right lang and dir, and offers the other editions."""

from urllib.parse import quote

from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents import get_document_model

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.contact.models import ContactPage
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, publish, translate
from nashr.home.models import StandardPage
from nashr.multimedia.models import GalleryImage, GalleryPage, ImagePostPage, VideoPage
from nashr.publications.models import BookPage, PeriodicalIssuePage

DIRECTIONS = {"en": "ltr", "fa": "rtl", "ar": "rtl", "sq": "ltr"}


def add(parent, page):
    parent.add_child(instance=page)
    return publish(page)


class EveryPageTypeInEveryEditionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        home = cls.homes["en"]
        image = ImageFactory()
        pdf = get_document_model().objects.create(
            title="Issue", file=ContentFile(b"%PDF-1.4 test", name="issue.pdf")
        )
        articles = add_section(home, "Articles")
        media = add_section(home, "Media")
        publications = add_section(home, "Publications")
        gallery = GalleryPage(title="Harbour in pictures", slug="harbour", lead_image=image)
        gallery.gallery_images = [GalleryImage(image=image, caption="The pier")]
        cls.sources = {
            "home": home,
            "section": articles,
            "article": make_article(
                articles,
                "A book fair",
                categories=[CategoryFactory()],
                authors=[PersonFactory()],
                tags=["fair"],
                lead_image=image,
            ),
            "gallery": add(media, gallery),
            "video": add(
                media,
                VideoPage(
                    title="Marathon",
                    slug="marathon",
                    lead_image=image,
                    external_url="https://video.example.org/w/1",
                    transcript="Runners.",
                ),
            ),
            "cartoon": add(media, ImagePostPage(title="Umbrellas", slug="umbrellas", lead_image=image)),
            "book": add(
                publications,
                BookPage(
                    title="River tales",
                    slug="river-tales",
                    lead_image=image,
                    document=pdf,
                    isbn="9780000000002",
                    year=2026,
                    pages=184,
                ),
            ),
            "issue": add(
                publications,
                PeriodicalIssuePage(
                    title="Newsletter 1",
                    slug="newsletter-1",
                    periodical="newsletter",
                    number=1,
                    document=pdf,
                ),
            ),
            "about": add(home, StandardPage(title="About", slug="about", body="<p>Who we are.</p>")),
            "contact": add(home, ContactPage(title="Contact", slug="contact")),
        }
        cls.pages = {("en", k): v for k, v in cls.sources.items()}
        # Translate parents before children so each translation lands in its edition's tree.
        for language in ["fa", "ar", "sq"]:
            for key in [
                "section",
                "article",
                "gallery",
                "video",
                "cartoon",
                "book",
                "issue",
                "about",
                "contact",
            ]:
                source = cls.sources[key]
                parent_source = source.get_parent()
                if (
                    parent_source.specific_class.__name__ == "SectionPage"
                    and not parent_source.get_translation_or_none(cls.homes[language].locale)
                ):
                    translate(parent_source.specific, language)
                cls.pages[(language, key)] = translate(source, language, title=f"{source.title} ({language})")
            cls.pages[(language, "home")] = cls.homes[language]

    def test_every_page_type_renders_in_every_edition_with_lang_and_dir(self):
        for (language, key), page in self.pages.items():
            with self.subTest(language=language, page=key):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(page.url.startswith(f"/{language}/"))
                self.assertContains(response, f'<html lang="{language}" dir="{DIRECTIONS[language]}">')

    def test_book_facts_use_the_edition_digits_and_keep_the_isbn_left_to_right(self):
        html = self.client.get(self.pages[("fa", "book")].url).content.decode()
        self.assertIn("<dd>۲۰۲۶</dd>", html)
        self.assertIn("<dd>۱۸۴</dd>", html)
        self.assertIn('<dd><bdi dir="ltr">9780000000002</bdi></dd>', html)

    def test_editions_menu_links_each_translation(self):
        for (language, key), page in self.pages.items():
            with self.subTest(language=language, page=key):
                response = self.client.get(page.url)
                for other in ["en", "fa", "ar", "sq"]:
                    url = self.pages[(other, key)].url
                    href = url if other == language else f"/edition/{other}/?next={quote(url)}"
                    self.assertContains(response, f'href="{href}" lang="{other}"')

    def test_untranslated_page_links_to_the_other_editions_homes(self):
        only_english = make_article(self.sources["section"], "Only in English")
        response = self.client.get(only_english.url)
        for language in ["fa", "ar", "sq"]:
            self.assertContains(response, f'href="/edition/{language}/?next=/{language}/" lang="{language}"')

    def test_root_redirects_to_the_best_matching_edition(self):
        cases = [
            ("fa-IR,fa;q=0.9,en;q=0.5", "/fa/"),
            ("ar", "/ar/"),
            ("sq-AL", "/sq/"),
            ("de-DE", "/en/"),
            ("", "/en/"),
        ]
        for header, expected in cases:
            with self.subTest(accept_language=header):
                self.client.cookies.clear()
                response = self.client.get("/", headers={"accept-language": header})
                self.assertRedirects(response, expected, fetch_redirect_response=False)

    def test_not_found_page_is_in_the_edition_language(self):
        for language, text in [
            ("en", "Page not found"),
            ("fa", 'dir="rtl"'),
            ("ar", 'lang="ar"'),
            ("sq", 'lang="sq"'),
        ]:
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/no-such-page/")
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, text, status_code=404)
