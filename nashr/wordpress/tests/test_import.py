import io
import json
import re
import shutil
import tempfile
import tracemalloc
import unicodedata
from pathlib import Path
from unittest import mock
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import TestCase, override_settings
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from nashr.articles.models import ArticlePage, Category
from nashr.comments.models import Comment
from nashr.core.tests.factories import build_editions, publish
from nashr.core.tests.planner import assert_planner_told
from nashr.home.models import HomePage, StandardPage
from nashr.images.models import NashrImage
from nashr.people.models import Person
from nashr.search.models import SearchDocument
from nashr.wordpress import reader
from nashr.wordpress.bulk import NewPosts
from nashr.wordpress.comments import Comments
from nashr.wordpress.generate import write_export
from nashr.wordpress.importer import WordPressImporter
from nashr.wordpress.indexes import reference_index_in_bulk
from nashr.wordpress.models import ImportedItem
from nashr.wordpress.pages import Pages
from nashr.wordpress.tree import Tree

FIXTURES = Path(__file__).parent / "fixtures"
POLYLANG = FIXTURES / "polylang.xml"
UPLOADS = FIXTURES / "uploads"


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


def site_state():
    """Everything an import may write, counted."""
    return (
        Page.objects.count(),
        Category.objects.count(),
        Person.objects.count(),
        Comment.objects.count(),
        NashrImage.objects.count(),
        Redirect.objects.count(),
        ImportedItem.objects.count(),
        Revision.objects.count(),
    )


class PolylangImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()
        cls.output = run_import(POLYLANG, "--uploads", str(UPLOADS))
        cls.fair_en = ArticlePage.objects.get(title__startswith="The book fair opens")
        cls.fair_fa = ArticlePage.objects.get(title="نمایشگاه کتاب در اسکله باز شد")

    def test_each_language_goes_to_its_edition_as_translations_of_one_another(self):
        self.assertEqual(self.fair_en.locale.language_code, "en")
        self.assertEqual(self.fair_fa.locale.language_code, "fa")
        self.assertEqual(self.fair_en.translation_key, self.fair_fa.translation_key)
        self.assertEqual(
            self.fair_en.get_translation(Locale.objects.get(language_code="fa")).pk, self.fair_fa.pk
        )

    def test_the_planner_is_told_what_the_import_wrote(self):
        assert_planner_told(self, "core_postpage", ArticlePage.objects.count())

    def test_categories_are_linked_as_translations_and_keep_their_hierarchy(self):
        culture = Category.objects.get(locale__language_code="en", slug="culture")
        farhang = Category.objects.get(locale__language_code="fa", name="فرهنگ")
        self.assertEqual(culture.translation_key, farhang.translation_key)
        self.assertEqual(farhang.slug, "فرهنگ")
        fairs = Category.objects.get(locale__language_code="en", slug="book-fairs")
        self.assertEqual(fairs.parent, culture)
        self.assertEqual(list(self.fair_en.categories.all()), [fairs])

    def test_author_and_co_author_are_kept_in_order(self):
        self.assertEqual([p.name for p in self.fair_en.authors], ["Mina Karimi", "Arben Hoxha"])
        self.assertEqual([p.locale.language_code for p in self.fair_fa.authors], ["fa"])

    def test_dates_excerpt_tags_and_lead_image(self):
        self.assertEqual(self.fair_en.published_at.isoformat(), "2024-05-04T09:30:00+00:00")
        self.assertEqual(self.fair_en.first_published_at.isoformat(), "2024-05-04T09:30:00+00:00")
        self.assertEqual(self.fair_en.summary, "A week of readings by the water.")
        self.assertEqual(list(self.fair_en.tags.names()), ["Rain"])
        self.assertEqual(list(self.fair_fa.tags.names()), ["باران"])
        self.assertEqual(self.fair_en.lead_image.title, "Lanterns over the harbour")

    def test_attachment_keeps_title_caption_alt_text_credit_and_description(self):
        image = NashrImage.objects.get(title="Lanterns over the harbour")
        self.assertEqual(image.description, "Red paper lanterns above dark water")
        self.assertEqual(image.default_caption, "Lanterns at the book fair’s opening night")
        self.assertEqual(image.credit, "Lena Beqiri")
        record = ImportedItem.objects.get(kind="attachment", wp_id="50")
        self.assertEqual(record.data["description"], "Paper lanterns photographed from the pier at dusk.")
        self.assertRegex(self.output, r"attachment +1  file not in the uploads folder")

    def test_gutenberg_blocks_become_body_blocks_and_scripts_are_dropped(self):
        kinds = [block.block_type for block in self.fair_en.body]
        self.assertEqual(kinds, ["paragraph", "image", "quote", "embed", "paragraph"])
        first = self.fair_en.body[0].value.source
        self.assertIn("<b>Saturday</b>", first)
        self.assertIn('<a href="https://harbour.example.org/programme/">a full programme</a>', first)
        image = self.fair_en.body[1].value
        self.assertEqual((image["caption"], image["alt_text"]), ("Lanterns on the first night", "Lanterns"))
        quote = self.fair_en.body[2].value
        self.assertEqual(
            (quote["text"], quote["attribution"]), ("Books are harbours too.", "A visiting poet")
        )
        self.assertEqual(self.fair_en.body[3].value["url"], "https://video.example.net/w/fair")
        last = self.fair_en.body[4].value.source
        self.assertNotIn("script", last)
        self.assertNotIn("alert", last)
        self.assertIn("returns.", last)

    def test_classic_text_keeps_every_character_and_shortcodes_become_blocks(self):
        kinds = [block.block_type for block in self.fair_fa.body]
        self.assertEqual(kinds, ["paragraph", "image", "gallery", "paragraph", "embed", "paragraph"])
        text = self.fair_fa.body[0].value.source
        for char in ["\u200c", "\u200f", "\u202b", "\u202c", "👍🏽", "cafe\u0301"]:
            self.assertIn(char, text)
        self.assertNotEqual(text, unicodedata.normalize("NFC", text))  # the combining mark was not folded
        caption = self.fair_fa.body[1].value
        self.assertEqual((caption["caption"], caption["alt_text"]), ("فانوس‌ها در شب نخست", "فانوس"))
        self.assertEqual(len(self.fair_fa.body[2].value["images"]), 1)
        self.assertIn('[gallery ids="50,51"]', self.fair_fa.body[3].value.source)  # one picture missing
        self.assertEqual(self.fair_fa.body[4].value["provider"], "audio")
        self.assertIn('[unknown_widget size="3"]', self.fair_fa.body[5].value.source)

    def test_slugs_are_readable_in_any_script(self):
        self.assertEqual(self.fair_fa.slug, "نمایشگاه-کتاب")
        self.assertEqual(self.fair_en.slug, "book-fair-opens")
        untitled = ArticlePage.objects.get(title="Draft about the weather")
        self.assertEqual(untitled.slug, "draft-about-the-weather")

    def test_statuses_are_never_made_more_public_than_they_were(self):
        for title in ["Draft about the weather", "Private notes", "Pending match report"]:
            with self.subTest(title):
                self.assertIs(ArticlePage.objects.get(title=title).live, False)
        future = ArticlePage.objects.get(title="Autumn season preview")
        self.assertIs(future.live, False)
        self.assertEqual(future.get_latest_revision().approved_go_live_at.year, 2030)
        protected = ArticlePage.objects.get(title="Members' reading list")
        self.assertIs(protected.live, True)
        restriction = PageViewRestriction.objects.get(page=protected)
        self.assertEqual((restriction.restriction_type, restriction.password), ("password", "harbour"))
        self.assertNotContains(self.client.get(protected.url), "The list for members.")
        self.assertNotIn(protected, ArticlePage.objects.for_listing())
        self.assertFalse(ArticlePage.objects.filter(title="Old trashed post").exists())

    def test_pages_keep_their_hierarchy_even_when_the_child_comes_first(self):
        child = StandardPage.objects.get(title="Opening hours")
        parent = child.get_parent().specific
        self.assertEqual(parent.title, "About us")
        self.assertIsInstance(parent.get_parent().specific, HomePage)
        self.assertIn("<p>Open every day.</p><p>Closed on holidays.</p>", child.body)

    def test_comments_keep_threading_and_approval_and_only_approved_are_shown(self):
        comments = {c.name: c for c in Comment.objects.filter(page=self.fair_en)}
        self.assertEqual(comments["Reader Two"].parent, comments["Reader One"])
        self.assertEqual(comments["Waiting Reader"].status, Comment.Status.PENDING)
        self.assertEqual(comments["Cheap Pills"].status, Comment.Status.SPAM)
        self.assertEqual(comments["Reader One"].created_at.isoformat(), "2024-05-04T10:00:00+00:00")
        response = self.client.get(self.fair_en.url)
        self.assertContains(response, "Lovely evening by the water.")
        self.assertNotContains(response, "Held for moderation.")
        self.assertNotContains(response, "Buy now")

    def test_custom_fields_are_kept_as_json_and_sticky_post_is_featured(self):
        record = ImportedItem.objects.get(kind="post", wp_id="101")
        self.assertEqual(record.data["custom_fields"]["venue"], "North pier")
        self.assertIs(record.data["sticky"], True)
        home = HomePage.objects.get(locale__language_code="en")
        self.assertEqual(home.featured_id, self.fair_en.pk)

    def test_unknown_post_types_are_reported(self):
        self.assertIn("unknown post type 'product'", self.output)
        self.assertIn("WordPress internals (nav_menu_item)", self.output)

    def test_report_counts_per_kind_and_edition(self):
        self.assertIn("post           fa", self.output)
        self.assertRegex(self.output, r"post +en +6 +0 +0 +1 +0")
        self.assertRegex(self.output, r"comment +en +4 ")
        self.assertRegex(self.output, r"post +8\n")

    def test_old_addresses_redirect_to_the_new_pages(self):
        cases = {
            "/2024/05/book-fair-opens/": self.fair_en.url,
            "/2024/05/04/book-fair-opens/": self.fair_en.url,
            "/book-fair-opens/": self.fair_en.url,
            "/?p=101": self.fair_en.url,
            "/index.php?p=101": self.fair_en.url,
            "/fa/2024/05/" + quote("نمایشگاه-کتاب") + "/": self.fair_fa.url,
            "/?page_id=202": StandardPage.objects.get(title="Opening hours").url,
            "/about/opening-hours/": StandardPage.objects.get(title="Opening hours").url,
            "/category/culture/book-fairs/": "/en/category/book-fairs/",
            "/tag/rain/": "/en/tag/rain/",
            "/?attachment_id=50": NashrImage.objects.get(title="Lanterns over the harbour").file.url,
        }
        for old, new in cases.items():
            with self.subTest(old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)

    def test_imported_pages_open_in_the_editor(self):
        user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        self.client.force_login(user)
        for page in [self.fair_en, self.fair_fa, StandardPage.objects.get(title="Opening hours")]:
            with self.subTest(page.title):
                self.assertEqual(self.client.get(f"/admin/pages/{page.pk}/edit/").status_code, 200)

    def test_query_links_without_a_redirect_reach_the_site_as_before(self):
        self.assertEqual(self.client.get("/?p=999999").status_code, 302)  # to an edition, as any visit to /

    def test_second_run_changes_nothing(self):
        before = site_state()
        output = run_import(POLYLANG, "--uploads", str(UPLOADS))
        self.assertEqual(site_state(), before)
        self.assertRegex(output, r"post +en +0 +0 +6 +1 +0")
        self.assertRegex(output, r"comment +en +0 +0 +4 ")


class ReRunTests(TestCase):
    def setUp(self):
        build_editions()
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_changed_items_are_updated_in_place(self):
        run_import(POLYLANG, "--uploads", str(UPLOADS))
        page = ArticlePage.objects.get(title__startswith="The book fair opens")
        changed = self.folder / "changed.xml"
        text = POLYLANG.read_text(encoding="utf-8")
        changed.write_text(text.replace("Lovely evening by the water.", "Lovely evening."), encoding="utf-8")
        changed.write_text(
            changed.read_text(encoding="utf-8").replace(
                "The book fair opens ☂️ on the pier", "The book fair opens"
            ),
            encoding="utf-8",
        )
        before = site_state()
        output = run_import(changed, "--uploads", str(UPLOADS))
        page.refresh_from_db()
        self.assertEqual(page.title, "The book fair opens")
        self.assertTrue(Comment.objects.filter(page=page, body="Lovely evening.").exists())
        self.assertEqual(site_state()[:7], before[:7])
        self.assertRegex(output, r"post +en +0 +1 +5 +1 +0")

    def test_an_interrupted_run_resumes_without_duplicates(self):
        original = Pages.import_page
        calls = []

        def interrupted(importer, *args):
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt
            return original(importer, *args)

        with (
            mock.patch.object(Pages, "import_page", interrupted),
            self.assertRaises(KeyboardInterrupt),
        ):
            run_import(POLYLANG, "--uploads", str(UPLOADS))
        self.assertEqual(ImportedItem.objects.filter(kind="post").count(), 2)
        output = run_import(POLYLANG, "--uploads", str(UPLOADS))
        self.assertRegex(output, r"post +en +5 +0 +1 +1 +0")
        self.assertEqual(ArticlePage.objects.filter(title__startswith="The book fair opens").count(), 1)
        self.assertEqual(ImportedItem.objects.filter(indexed=False).count(), 0)

    def test_a_failing_item_is_rolled_back_reported_and_the_others_imported(self):
        uploads = self.folder / "uploads"
        shutil.copytree(UPLOADS, uploads)
        (uploads / "2024/05/lanterns.png").write_bytes(b"not a picture")
        original = Comments.add

        def failing(importer, item, *args):
            if item.wp_id == "101":
                raise ValueError("disk full")
            return original(importer, item, *args)

        out = io.StringIO()
        with (
            mock.patch.object(Comments, "add", failing),
            self.assertRaisesMessage(CommandError, "2 items failed"),
        ):
            call_command("import_wordpress", str(POLYLANG), "--uploads", str(uploads), stdout=out)
        self.assertIn(
            "Failed: post 101 (The book fair opens ☂️ on the pier): ValueError('disk full')", out.getvalue()
        )
        self.assertIn("Failed: attachment 50", out.getvalue())
        self.assertFalse(ArticlePage.objects.filter(title__startswith="The book fair opens").exists())
        self.assertFalse(Comment.objects.exists())
        self.assertEqual(ArticlePage.objects.get(locale__language_code="fa").authors[0].name, "Mina Karimi")
        output = run_import(POLYLANG, "--uploads", str(UPLOADS))
        self.assertRegex(output, r"post +en +1 +0 +5 +1 +0")
        fair = ArticlePage.objects.get(title__startswith="The book fair opens")
        self.assertEqual([p.name for p in fair.authors], ["Mina Karimi", "Arben Hoxha"])
        self.assertEqual(fair.lead_image.title, "Lanterns over the harbour")

    def test_malformed_file_stops_naming_the_place_and_leaves_the_site_as_it_was(self):
        broken = self.folder / "broken.xml"
        text = POLYLANG.read_text(encoding="utf-8")
        broken.write_text(
            text.replace("<wp:post_id>104</wp:post_id>", "<wp:post_id>104</wp:postid>"), "utf-8"
        )
        line = next(n for n, row in enumerate(text.splitlines(), 1) if "<wp:post_id>104" in row)
        before = site_state()
        with self.assertRaisesMessage(CommandError, f"line {line}, column"):
            run_import(broken, "--uploads", str(UPLOADS))
        self.assertEqual(site_state(), before)

    def test_truncated_file_and_other_documents_are_refused(self):
        truncated = self.folder / "truncated.xml"
        truncated.write_bytes(POLYLANG.read_bytes()[:6000])
        not_wxr = self.folder / "feed.xml"
        not_wxr.write_text('<rss version="2.0"><channel><title>Feed</title><item/></channel></rss>', "utf-8")
        html = self.folder / "page.xml"
        html.write_text("<html><body>Hello</body></html>", "utf-8")
        before = site_state()
        for path, message in [
            (truncated, "malformed XML"),
            (not_wxr, "no <wp:wxr_version>"),
            (html, "not a WordPress export"),
            (self.folder / "missing.xml", "no such file"),
        ]:
            with self.subTest(path.name), self.assertRaisesMessage(CommandError, message):
                run_import(path)
        self.assertEqual(site_state(), before)

    def test_dry_run_reports_the_same_and_writes_nothing(self):
        before = site_state()
        output = run_import(POLYLANG, "--uploads", str(UPLOADS), "--dry-run")
        self.assertEqual(site_state(), before)
        self.assertIn("Dry run: nothing was written.", output)
        self.assertRegex(output, r"post +en +6 +0 +0 +1 +0")
        self.assertRegex(output, r"post +fa +1 ")

    def test_pieces_without_a_language_go_to_the_chosen_edition(self):
        output = run_import(FIXTURES / "wordpress_com.xml", "--edition", "sq")
        page = ArticlePage.objects.get(slug="skuadra-fiton")
        self.assertEqual(page.locale.language_code, "sq")
        self.assertEqual(page.authors[0].name, "Drita Leka")
        self.assertEqual(page.categories.get().locale.language_code, "sq")
        self.assertEqual(
            [b.block_type for b in page.body],
            ["paragraph", "embed", "paragraph"],
            [b.value for b in page.body],
        )
        text = page.body[0].value.source
        self.assertIn("<p>Ndeshja u luajt nën shi të dendur.</p>", text)
        self.assertIn("<p>Tifozët qëndruan deri në fund.<br>", text)
        self.assertIn("<h2>Pas ndeshjes</h2>", page.body[2].value.source)
        self.assertIn("Gola | 2", page.body[2].value.source)
        self.assertEqual(self.client.get("/2024/06/01/skuadra-fiton/")["Location"], page.url)
        self.assertIn("post           sq", output)

    def test_single_language_export_defaults_to_the_sites_first_edition(self):
        run_import(FIXTURES / "wordpress_com.xml")
        self.assertEqual(ArticlePage.objects.get(slug="skuadra-fiton").locale.language_code, "en")

    def test_unknown_wordpress_language_stops_naming_both_ways_on(self):
        before = site_state()
        with self.assertRaises(CommandError) as stopped:
            run_import(FIXTURES / "wpml.xml")
        message = str(stopped.exception)
        self.assertIn("'de'", message)
        self.assertIn("--map-language de=EDITION", message)
        self.assertIn("--create-editions", message)
        self.assertEqual(site_state(), before)

    def test_wpml_groups_become_translations_and_a_mapped_language_is_imported(self):
        run_import(FIXTURES / "wpml.xml", "--map-language", "de=sq")
        english = ArticlePage.objects.get(slug="storm-warning")
        arabic = ArticlePage.objects.get(locale__language_code="ar", title="تحذير من عاصفة على الساحل")
        self.assertEqual(english.translation_key, arabic.translation_key)
        self.assertEqual(english.categories.get().translation_key, arabic.categories.get().translation_key)
        self.assertEqual(ArticlePage.objects.get(slug="wetterbericht").locale.language_code, "sq")

    def test_bad_options_are_refused(self):
        for args, message in [
            (["--map-language", "de"], "WP=EDITION"),
            (["--map-language", "de=xx"], "no edition 'xx'"),
            (["--edition", "xx"], "no such edition"),
            (["--uploads", str(self.folder / "none")], "no such folder"),
        ]:
            with self.subTest(args), self.assertRaisesMessage(CommandError, message):
                run_import(FIXTURES / "wpml.xml", *args)


class CreateEditionsTests(TestCase):
    def setUp(self):
        english = Locale.objects.get_or_create(language_code="en")[0]
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        home = HomePage(title="Nashr", slug="home", locale=english)
        root.add_child(instance=home)
        publish(home)

    def test_missing_edition_stops_unless_asked_to_create_it(self):
        with self.assertRaisesMessage(CommandError, "--create-editions"):
            run_import(POLYLANG)
        self.assertFalse(ArticlePage.objects.exists())
        output = run_import(POLYLANG, "--create-editions")
        farsi_home = HomePage.objects.get(locale__language_code="fa")
        self.assertIs(farsi_home.live, True)
        self.assertEqual(
            farsi_home.translation_key, HomePage.objects.get(locale__language_code="en").translation_key
        )
        fair = ArticlePage.objects.get(locale__language_code="fa")
        self.assertTrue(fair.is_descendant_of(farsi_home))
        self.assertIn("created the fa edition", output)


class GeneratedExportTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_a_10000_post_export_is_read_in_little_memory(self):
        path = self.folder / "large.xml"
        write_export(path, 10_000)
        tracemalloc.start()
        items = sum(1 for record in reader.read(path) if isinstance(record, reader.Item))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        self.assertEqual(items, 10_000)
        self.assertLess(peak, path.stat().st_size / 4)
        self.assertLess(peak, 3_000_000)

    def test_a_generated_export_imports_with_translations_and_comments(self):
        build_editions()
        path = self.folder / "small.xml"
        write_export(path, 40)
        output = run_import(path)
        self.assertRegex(output, r"post +en +20 ")
        self.assertRegex(output, r"post +fa +20 ")
        pairs = ArticlePage.objects.values("translation_key").distinct().count()
        self.assertEqual(pairs, 20)
        self.assertEqual(Comment.objects.exclude(parent=None).count(), 8)
        self.assertNotIn("Failed", output)


class ShortcutsTests(TestCase):
    """What the importer writes its own way, for speed, equals what Wagtail would have written."""

    def setUp(self):
        build_editions()
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_pages_are_placed_in_a_sound_tree_after_pages_added_the_usual_way(self):
        run_import(POLYLANG, "--uploads", str(UPLOADS))
        section = ArticlePage.objects.first().get_parent()
        section.add_child(instance=ArticlePage(title="Added by an editor", slug="by-an-editor"))
        path = self.folder / "more.xml"
        write_export(path, 12)
        run_import(path)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        for parent in Page.objects.filter(numchild__gt=0):
            self.assertEqual(parent.numchild, parent.get_children().count())
        for page in ArticlePage.objects.all():
            self.assertEqual(page.url_path, page.get_parent().url_path + page.slug + "/")
            self.assertEqual(page.draft_title, page.title)
        editor_page = ArticlePage.objects.get(slug="by-an-editor")
        self.assertEqual(editor_page.get_next_siblings().count(), 6)  # the six English posts, after it

    def test_the_reference_index_equals_wagtails_own(self):
        run_import(POLYLANG, "--uploads", str(UPLOADS))
        fields = ("content_type", "base_content_type", "object_id", "to_content_type", "to_object_id")
        fields += ("model_path", "content_path", "content_path_hash")
        written = set(ReferenceIndex.objects.values_list(*fields))
        self.assertTrue(any(path.startswith("lead_image") for *_, path, _ in written))
        self.assertTrue(any(path.startswith("article_authors") for *_, path, _ in written))
        ReferenceIndex.objects.all().delete()
        for record in ImportedItem.objects.all():
            instance = record.content_type.get_object_for_this_type(pk=record.object_id)
            ReferenceIndex.create_or_update_for_object(instance)
        self.assertEqual(set(ReferenceIndex.objects.values_list(*fields)), written)

    def test_references_that_went_away_are_removed(self):
        run_import(POLYLANG, "--uploads", str(UPLOADS))
        article = ArticlePage.objects.exclude(lead_image=None).first()
        self.assertTrue(ReferenceIndex.get_references_for_object(article).filter(model_path="lead_image"))
        ArticlePage.objects.filter(pk=article.pk).update(lead_image=None)
        reference_index_in_bulk(ArticlePage, [ArticlePage.objects.get(pk=article.pk)])
        self.assertFalse(ReferenceIndex.get_references_for_object(article).filter(model_path="lead_image"))

    @override_settings(NASHR_PAGE_CACHE=True)
    def test_the_page_cache_is_renewed_once_for_the_whole_site(self):
        path = self.folder / "small.xml"
        write_export(path, 6)
        with (
            mock.patch("nashr.publishing.signals.dependent_urls") as per_page,
            mock.patch("nashr.caching.store.renew") as renew,
            self.captureOnCommitCallbacks(execute=True),
        ):
            run_import(path)
        self.assertEqual(per_page.call_count, 0)
        renew.assert_called_once_with([], everything=True)

    def test_a_place_taken_since_it_was_looked_up_is_looked_up_again(self):
        run_import(POLYLANG, "--uploads", str(UPLOADS))
        section = ArticlePage.objects.first().get_parent()
        importer = WordPressImporter(POLYLANG)
        importer.tree.last_child_path[section.pk] = section.get_first_child().path  # as if others came since
        late = ArticlePage(title="Late news", slug="late-news", locale=section.locale)
        importer.tree.add_child(section, late)
        self.assertEqual(section.get_children().last().pk, late.pk)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertEqual(Page.objects.get(pk=section.pk).numchild, section.get_children().count())

    def test_an_interruption_inside_a_batch_keeps_the_items_finished_before_it(self):
        def handler(n):
            Tag.objects.create(name=f"item {n}")
            if n == 5:
                raise KeyboardInterrupt

        with mock.patch("nashr.wordpress.batches.BATCH", 2), self.assertRaises(KeyboardInterrupt):
            WordPressImporter(POLYLANG).batches.in_batches(("other", n, handler) for n in range(1, 9))
        self.assertEqual(
            sorted(Tag.objects.values_list("name", flat=True)), ["item 1", "item 2", "item 3", "item 4"]
        )


def indexes():
    """The search index entries and reference index rows of the site's pages, named by what they point at
    (ids differ from run to run on PostgreSQL)."""

    def name(content_type_id, object_id):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        instance = model._default_manager.filter(pk=object_id).first()
        return instance.url_path if isinstance(instance, Page) else f"{model.__name__} {instance}"

    names = [f.attname for f in IndexEntry._meta.concrete_fields if f.attname not in ("id", "object_id")]
    names.remove("content_type_id")
    search = sorted(
        (name(entry["content_type_id"], entry["object_id"]), *(str(entry[n]) for n in names))
        for entry in IndexEntry.objects.values("content_type_id", "object_id", *names)
    )
    # On PostgreSQL pages are indexed in the search app's own table (nashr/search/models.py).
    fields = ["locale_id", "content_type_id", "live", "first_published_at", "document", "autocomplete"]
    search += sorted(
        (name(row["content_type_id"], row["page_id"]), *(str(row[f]) for f in fields))
        for row in SearchDocument.objects.values("page_id", *fields)
    )
    references = sorted(
        (
            name(row.base_content_type_id, row.object_id),
            re.sub(r"\.\d+\.", ".N.", row.content_path),
            name(row.to_content_type_id, row.to_object_id),
        )
        for row in ReferenceIndex.objects.all()
    )
    return search, references


class NewPostsInBulkTests(TestCase):
    """New posts are written a batch at a time (`bulk.NewPosts`); what they become must not depend on it,
    and a batch that cannot be written falls back to one post at a time."""

    def setUp(self):
        build_editions()
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        self.path = self.folder / "posts.xml"
        write_export(self.path, 30)

    def imported(self, one_by_one=False):
        """What an import of the generated file writes, rolled back afterwards."""
        with transaction.atomic():
            if one_by_one:
                with mock.patch.object(NewPosts, "write", side_effect=RuntimeError("no bulk")) as write:
                    output = run_import(self.path)
                self.assertTrue(write.called)
            else:
                output = run_import(self.path)
            self.assertNotIn("Failed", output)
            written = self.written(), output.split("Done in")[0]
            transaction.set_rollback(True)
        return written

    @staticmethod
    def written():
        skip = {"id", "page_ptr_id", "postpage_ptr_id", "latest_revision_id", "parent_page_id", "body"}
        fields = [f.attname for f in ArticlePage._meta.concrete_fields if f.attname not in skip]
        pages = []
        for page in ArticlePage.objects.order_by("path"):
            row = {name: getattr(page, name) for name in fields}
            row["body"] = [(block.block_type, str(block.value)) for block in page.body]
            # The page above it by its path: the ids of the sections each import made differ on PostgreSQL.
            row["parent_page"] = page.parent_page.url_path  # every post has one: None fails here
            row["authors"] = [person.slug for person in page.authors]
            row["categories"] = sorted(c.slug for c in page.categories.all())
            row["tags"] = sorted(page.tags.names())
            row["comments"] = [
                (c.name, c.body, c.status, c.created_at, c.parent.body if c.parent else None)
                for c in Comment.objects.filter(page=page).order_by("created_at", "name")
            ]
            pages.append(row)
        redirects = sorted(
            (r.old_path, r.redirect_page.url_path if r.redirect_page else r.redirect_link)
            for r in Redirect.objects.select_related("redirect_page")
        )
        records = sorted(
            (r.kind, r.wp_id, r.edition, r.checksum, json.dumps(r.data, sort_keys=True), str(r.target))
            for r in ImportedItem.objects.all()
        )
        numchild = sorted(Page.objects.values_list("path", "numchild"))
        return pages, redirects, records, numchild, indexes(), Page.find_problems()

    def test_posts_written_in_bulk_equal_posts_saved_one_by_one(self):
        in_bulk, report = self.imported()
        one_by_one, report_one_by_one = self.imported(one_by_one=True)
        self.assertEqual(len(in_bulk[0]), 30)
        self.assertEqual(in_bulk[-1], ([], [], [], [], []))
        search, references = in_bulk[4]
        posts = {row["url_path"] for row in in_bulk[0]}
        self.assertEqual(len([entry for entry in search if entry[0] in posts]), 30)
        self.assertTrue(any(path.startswith("article_authors") for _, path, _ in references))
        self.maxDiff = None
        names = ["pages", "redirects", "records", "tree", "indexes", "problems"]
        for name, a, b in zip(names, in_bulk, one_by_one, strict=True):
            with self.subTest(name):
                self.assertEqual(a, b)
        self.assertEqual(report, report_one_by_one)

    def test_a_post_that_fails_when_its_batch_is_written_fails_alone(self):
        original = Tree.add_child

        def failing(importer, parent, page):
            if page.title.startswith("The rowing club wins at home (2)"):
                raise IntegrityError("UNIQUE constraint failed")
            return original(importer, parent, page)

        with (
            mock.patch.object(NewPosts, "write", side_effect=IntegrityError("UNIQUE constraint failed")),
            mock.patch.object(Tree, "add_child", failing),
        ):
            out = io.StringIO()
            with self.assertRaisesMessage(CommandError, "1 items failed"):
                call_command("import_wordpress", str(self.path), stdout=out)
        self.assertIn("Failed: post 10004 (The rowing club wins at home (2))", out.getvalue())
        self.assertEqual(ArticlePage.objects.count(), 29)
        self.assertEqual(ImportedItem.objects.filter(kind="post").count(), 29)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        output = run_import(self.path)  # the next run imports it, in bulk, and nothing twice
        self.assertRegex(output, r"post +en +1 +0 +14 ")
        self.assertEqual(ArticlePage.objects.count(), 30)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
