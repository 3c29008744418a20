"""The explorer and the editor show an outdated translation, with what changed and the way to fix it."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from nashr.articles.tests.factories import CategoryFactory, make_article
from nashr.core.tests.factories import add_section, build_editions, translate
from nashr.desk.models import OutdatedTranslation
from nashr.users import roles

from .localize import translate_with_localize

BODY = [("paragraph", "<p>The reading room opens at nine.</p><p>Bring a card.</p>")]


class OutdatedInTheAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.fa_section = translate(cls.section, "fa")
        cls.article = make_article(cls.section, "Library hours", body=BODY)
        cls.fa = translate_with_localize(cls.article, "fa")
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def change_source(self):
        article = self.article.get_latest_revision_as_object()
        block_id = article.body[0].id
        article.body = [("paragraph", "<p>The reading room opens at eight.</p><p>Bring a card.</p>")]
        article.body[0].id = block_id
        article.title = "Library hours change"
        article.save_revision().publish()

    def explorer(self, section):
        return self.client.get(reverse("wagtailadmin_explore", args=[section.pk]))

    def test_the_explorer_badges_an_outdated_translation_only(self):
        self.assertNotContains(self.explorer(self.fa_section), "data-desk-outdated")
        self.change_source()
        self.assertContains(self.explorer(self.fa_section), 'data-desk-outdated="2"')
        self.assertContains(self.explorer(self.fa_section), "Outdated: 2 segments")
        self.assertNotContains(self.explorer(self.section), "data-desk-outdated")

    def test_the_translation_editor_says_what_changed_and_links_to_the_sync(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.fa.pk])
        self.assertNotContains(self.client.get(edit_url), "Outdated:")
        self.change_source()
        response = self.client.get(edit_url)
        self.assertContains(response, "Outdated: 2 segments changed since the source was updated on")
        source = TranslationSource.objects.get(object_id=self.article.translation_key)
        sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
        self.assertContains(response, f'href="{sync_url}"')
        self.assertEqual(self.client.get(sync_url).status_code, 200)

        source.update_from_db()
        response = self.client.get(edit_url)
        self.assertContains(response, "Synced: translate the new strings and publish the translation.")
        self.assertNotContains(response, f'href="{sync_url}"')

    def test_a_translator_is_offered_the_sync_only_where_it_is_theirs(self):
        roles.set_up()
        translator = get_user_model().objects.create_user("parisa", "parisa@example.org", "pw")
        roles.grant(translator, "translator", "fa")
        self.client.force_login(translator)
        self.change_source()
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.fa.pk])
        source = TranslationSource.objects.get(object_id=self.article.translation_key)
        sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
        self.assertContains(self.client.get(edit_url), f'href="{sync_url}"')

        translate(self.section, "ar")
        translate_with_localize(self.article, "ar")  # the source now has an Arabic translation too
        response = self.client.get(edit_url)
        self.assertContains(response, "Outdated: 2 segments changed")
        self.assertNotContains(response, f'href="{sync_url}"')

    def test_the_editor_speaks_the_admins_language(self):
        profile = UserProfile.get_for_user(self.admin)
        profile.preferred_language = "fa"
        profile.save()
        self.change_source()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.fa.pk]))
        self.assertContains(response, 'lang="fa"')
        mark = OutdatedTranslation.objects.get()
        with translation.override("fa"):
            date = date_format(timezone.localtime(mark.source_changed_at), "DATE_FORMAT")
            self.assertContains(response, mark.describe())
        self.assertContains(response, date)
        self.assertNotIn(date, date_format(timezone.localtime(mark.source_changed_at), "DATE_FORMAT"))

    def test_a_renamed_categorys_translation_says_so_in_the_snippet_editor(self):
        category = CategoryFactory(name="Culture", slug="culture")
        fa = translate_with_localize(category, "fa", {"Culture": "فرهنگ"})
        category.name = "Arts"
        category.save()
        url = reverse(fa.snippet_viewset.get_url_name("edit"), args=[fa.pk])
        self.assertContains(self.client.get(url), "Outdated: 1 segment changed")
