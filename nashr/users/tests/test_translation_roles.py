"""wagtail-localize's translation views: a Persian translator translates into Persian only."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, translate
from nashr.people.models import Person

from .site import EditionSiteTestCase


class TranslationEditorTests(EditionSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        world = add_section(cls.homes["en"], "World")
        for code in ("fa", "ar"):
            translate(world, code, title=f"World {code}")
        cls.article = make_article(world, "Harbour reopens", body=[("paragraph", "<p>Boats are back.</p>")])
        cls.boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")

    def submit(self, obj, code, user=None):
        if user:
            self.client.force_login(user)
        if isinstance(obj, Person):
            url = reverse("wagtail_localize:submit_snippet_translation", args=["people", "person", obj.pk])
        else:
            url = reverse("wagtail_localize:submit_page_translation", args=[obj.pk])
        return self.client.post(url, {"locales": [self.locales[code].pk]})

    def translation_into(self, obj, code):
        source = TranslationSource.objects.get_for_instance(obj)
        return Translation.objects.get(source=source, target_locale=self.locales[code])

    def edit_string(self, translation):
        segment = StringSegment.objects.filter(source=translation.source).first()
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        return self.client.put(
            url, urlencode({"value": "x"}), content_type="application/x-www-form-urlencoded"
        )

    def test_translate_offers_only_the_translators_edition(self):
        self.sign_in("translator", "fa")
        url = reverse("wagtail_localize:submit_page_translation", args=[self.article.pk])
        offered = self.client.get(url).context["form"].fields["locales"].queryset
        self.assertEqual([locale.language_code for locale in offered], ["fa"])
        self.assertEqual(self.submit(self.article, "ar").status_code, 200)  # the form refuses it
        self.assertFalse(self.article.get_translations().filter(locale__language_code="ar").exists())
        self.assertEqual(self.submit(self.article, "fa").status_code, 302)
        fa_draft = self.article.get_translation(self.locales["fa"])
        self.assertFalse(fa_draft.live)
        self.assertEqual(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[fa_draft.pk])).status_code, 200
        )
        self.assertEqual(self.edit_string(self.translation_into(self.article, "fa")).status_code, 201)

    def test_the_translation_editor_of_another_edition_is_refused(self):
        self.submit(self.article, "ar", user=self.boss)
        ar_draft = self.article.get_translation(self.locales["ar"])
        self.sign_in("translator", "fa")
        self.assertRefused(self.client.get(reverse("wagtailadmin_pages:edit", args=[ar_draft.pk])))
        self.assertEqual(self.edit_string(self.translation_into(self.article, "ar")).status_code, 403)

    def test_a_snippets_translation_in_another_edition_is_refused(self):
        writer = self.people["en"]
        for code in ("fa", "ar"):
            self.assertEqual(self.submit(writer, code, user=self.boss).status_code, 302)
        self.sign_in("translator", "fa")
        self.assertEqual(self.edit_string(self.translation_into(writer, "fa")).status_code, 201)
        self.assertEqual(self.edit_string(self.translation_into(writer, "ar")).status_code, 403)
        ar_writer = writer.get_translation(self.locales["ar"])
        edit = reverse("wagtailsnippets_people_person:edit", args=[ar_writer.pk])
        self.assertRefused(self.client.get(edit))

    def test_sync_needs_every_edition_it_rewrites(self):
        for code in ("fa", "ar"):
            self.submit(self.article, code, user=self.boss)
        source = TranslationSource.objects.get_for_instance(self.article)
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        self.sign_in("editor", "fa")
        self.assertRefused(self.client.get(url))
        self.client.force_login(self.boss)
        self.assertEqual(self.client.get(url).status_code, 200)
