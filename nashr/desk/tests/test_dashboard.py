"""Reports → Translation desk: statuses per edition, filters, bad input, edition roles, bounded queries."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, translate
from nashr.users import roles

from .localize import translate_with_localize

BODY = [("paragraph", "<p>The reading room opens at nine.</p>")]
URL = "/admin/translation-desk/"


def cells(response):
    """{(page title, edition): (status, link or None)} read from the table's HTML."""
    import html.parser

    found = {}

    class Reader(html.parser.HTMLParser):
        row = edition = None
        in_title = False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "tr" and "data-page" in attrs:
                self.row = None
                self.in_title = True
            elif tag == "td" and "data-status" in attrs:
                self.edition = attrs["data-edition"]
                found[(self.row, self.edition)] = (attrs["data-status"], None)
            elif tag == "a" and self.edition:
                status, _ = found[(self.row, self.edition)]
                found[(self.row, self.edition)] = (status, attrs["href"])

        def handle_endtag(self, tag):
            if tag == "td":
                self.edition = None
            if tag == "th":
                self.in_title = False

        def handle_data(self, data):
            if self.in_title and data.strip():
                self.row = data.strip()

    Reader().feed(response.content.decode())
    return found


class DashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        roles.set_up()
        cls.news = add_section(cls.homes["en"], "News")
        cls.culture = add_section(cls.homes["en"], "Culture")
        for section in (cls.news, cls.culture):
            for language in ("fa", "ar", "sq"):
                translate(section, language)
        cls.changed = make_article(cls.news, "Library hours", body=BODY)
        cls.kept = make_article(cls.news, "Park reopens", body=BODY)
        cls.alone = make_article(cls.culture, "Choir concert", body=BODY)
        for article in (cls.changed, cls.kept):
            translate_with_localize(article, "fa")
        translate_with_localize(cls.changed, "ar")
        page = cls.changed.get_latest_revision_as_object()
        page.title = "Library hours change"
        page.save_revision().publish()
        cls.changed.refresh_from_db()
        cls.source = TranslationSource.objects.get(object_id=cls.changed.translation_key)
        users = get_user_model().objects
        cls.admin = users.create_superuser("admin", "admin@example.org", "pw")
        cls.fa_translator = users.create_user("parisa", "parisa@example.org", "pw")
        roles.grant(cls.fa_translator, "translator", "fa")
        cls.moderator = users.create_user("mo", "mo@example.org", "pw")
        roles.grant(cls.moderator, "moderator", "fa")

    def get(self, user=None, **query):
        self.client.force_login(user or self.admin)
        return self.client.get(URL, query)

    def test_each_cell_says_missing_outdated_or_up_to_date_and_links_to_its_fix(self):
        response = self.get()
        self.assertEqual(response.status_code, 200)
        found = cells(response)
        sync = reverse("wagtail_localize:update_translations", args=[self.source.pk])
        self.assertEqual(found[("Library hours change", "fa")], ("outdated", sync))
        self.assertEqual(found[("Library hours change", "ar")], ("outdated", sync))
        fa_kept = self.kept.get_translation(Locale.objects.get(language_code="fa"))
        self.assertEqual(
            found[("Park reopens", "fa")], ("current", reverse("wagtailadmin_pages:edit", args=[fa_kept.pk]))
        )
        translate_url = reverse("wagtail_localize:submit_page_translation", args=[self.alone.pk])
        self.assertEqual(found[("Choir concert", "sq")], ("missing", translate_url + "?select_locale=sq"))
        self.assertEqual(found[("News", "fa")][0], "current")
        self.assertNotIn(("Nashr", "fa"), found)  # the edition homes are not rows

    def test_once_synced_the_outdated_cell_links_to_the_translation_editor(self):
        self.source.update_from_db()
        fa = self.changed.get_translation(Locale.objects.get(language_code="fa"))
        found = cells(self.get())
        self.assertEqual(
            found[("Library hours change", "fa")],
            ("outdated", reverse("wagtailadmin_pages:edit", args=[fa.pk])),
        )

    def test_filters_by_edition_status_type_and_section(self):
        found = cells(self.get(edition="fa", status="outdated"))
        self.assertEqual(set(found), {("Library hours change", "fa")})
        found = cells(self.get(edition="ar", status="missing", type="articles.articlepage"))
        self.assertEqual({title for title, _ in found}, {"Park reopens", "Choir concert"})
        found = cells(self.get(section=self.culture.pk))
        self.assertEqual({title for title, _ in found}, {"Choir concert"})
        found = cells(self.get(status="current", type="core.sectionpage"))
        self.assertEqual({title for title, _ in found}, {"News", "Culture"})
        fa_home = self.homes["fa"]
        found = cells(self.get(source="fa", edition="en"))
        self.assertIn(("Park reopens", "en"), found)  # pages of the Farsi edition, titled as translated
        self.assertNotIn(fa_home.title, {title for title, _ in found})

    def test_bad_filters_and_page_numbers_answer_400_with_the_reason(self):
        fa_news = self.news.get_translation(Locale.objects.get(language_code="fa"))
        for query, field in [
            ({"status": "stale"}, "status"),
            ({"edition": "xx"}, "edition"),
            ({"edition": "en"}, "edition"),
            ({"type": "wagtailcore.page"}, "type"),
            ({"section": "news"}, "section"),
            ({"section": str(fa_news.pk)}, "section"),
            ({"section": "99999999"}, "section"),
            ({"p": "0"}, "p"),
            ({"p": "two"}, "p"),
            ({"p": "999"}, "p"),
            ({"p": "1" * 40}, "p"),
        ]:
            with self.subTest(query=query):
                response = self.get(**query)
                self.assertEqual(response.status_code, 400)
                self.assertTrue(response.context["form"].errors[field])
                self.assertContains(response, 'role="alert"', status_code=400)
        self.assertContains(self.get(p="999"), "There is no such page: the table has 1.", status_code=400)

    def test_a_translator_acts_in_their_edition_only(self):
        found = cells(self.get(self.fa_translator))
        # Library is translated into Arabic too: syncing it is not theirs (users/localize.py), editing is.
        fa_library = self.changed.get_translation(Locale.objects.get(language_code="fa"))
        edit = reverse("wagtailadmin_pages:edit", args=[fa_library.pk])
        self.assertEqual(found[("Library hours change", "fa")], ("outdated", edit))
        roles.grant(self.fa_translator, "translator", "ar")
        sync = reverse("wagtail_localize:update_translations", args=[self.source.pk])
        self.assertEqual(
            cells(self.get(self.fa_translator))[("Library hours change", "fa")], ("outdated", sync)
        )
        roles.revoke(self.fa_translator, "translator", "ar")
        self.assertIsNotNone(found[("Choir concert", "fa")][1])
        self.assertIsNone(found[("Library hours change", "ar")][1])
        self.assertIsNone(found[("Choir concert", "sq")][1])
        self.assertEqual(found[("Library hours change", "ar")][0], "outdated")  # seen, not actionable
        for title in ("Library hours change", "Choir concert"):  # the sync and Translate forms open
            self.assertEqual(self.client.get(found[(title, "fa")][1]).status_code, 200)

    def test_only_those_who_translate_see_the_desk(self):
        refused = self.get(self.moderator)  # Wagtail's admin answers PermissionDenied with its home
        self.assertRedirects(refused, "/admin/", fetch_redirect_response=False)
        self.client.force_login(self.moderator)
        self.assertNotContains(self.client.get("/admin/"), URL)
        self.client.force_login(self.fa_translator)
        home = self.client.get("/admin/")
        self.assertContains(home, URL)
        self.assertContains(home, "desk-summary")

    def test_the_admin_home_counts_each_edition(self):
        self.client.force_login(self.admin)
        panel = self.client.get("/admin/").content.decode()
        start = panel.index('data-edition="fa"')
        row = panel[start : panel.index("</tr>", start)]
        # fa: outdated 1 (Library), up to date 3 (Park and the two sections), missing 1 (Choir)
        self.assertIn(f'{URL}?edition=fa&amp;status=outdated">1<', row)
        self.assertIn(f'{URL}?edition=fa&amp;status=current">3<', row)
        self.assertIn(f'{URL}?edition=fa&amp;status=missing">1<', row)

    def test_queries_do_not_grow_with_the_rows(self):
        self.client.force_login(self.admin)
        queries = [{}, {"status": "missing", "edition": "sq"}, {"type": "articles.articlepage", "p": "1"}]
        counts = []
        for query in queries:
            self.client.get(URL, query)  # Wagtail's and Django's per-process caches filled
            with CaptureQueriesContext(connection) as small:
                self.assertEqual(self.client.get(URL, query).status_code, 200)
            counts.append(len(small))
        for n in range(30):
            make_article(self.culture, f"Brief {n}", body=BODY)
        for query, count in zip(queries, counts, strict=True):
            with self.subTest(query=query), self.assertNumQueries(count):
                response = self.client.get(URL, query)
            self.assertEqual(len(response.context["rows"]), 25)
        second = self.client.get(URL, {"p": "2"})
        self.assertContains(second, "Page 2 of 2")
        self.assertContains(second, 'href="?p=1"')
        self.assertEqual(len(second.context["rows"]), 3 + 2 + 30 - 25)  # articles and sections
