"""Authors, categories and menus: a Farsi editor works on the Farsi ones only, by every admin address."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from nashr.articles.models import Category
from nashr.navigation.models import Navigation
from nashr.people.models import Person

from .site import EditionSiteTestCase, snippet_url

OBJECT_VIEWS = ["edit", "delete", "copy", "history", "usage"]


class SnippetBoundaryTests(EditionSiteTestCase):
    def kinds(self):
        return [(Person, self.people), (Category, self.categories), (Navigation, self.menus)]

    def test_the_listing_shows_only_the_editions_snippets(self):
        self.sign_in("editor", "fa")
        for model, rows in self.kinds():
            response = self.client.get(snippet_url(model, "list"))
            self.assertEqual(response.status_code, 200)
            self.assertEqual(set(response.context["object_list"]), {rows["fa"]}, model)

    def test_another_editions_snippet_is_refused_at_every_address(self):
        self.sign_in("editor", "fa")
        for model, rows in self.kinds():
            for view in OBJECT_VIEWS:
                for code in ("en", "ar"):
                    url = snippet_url(model, view, rows[code].pk)
                    self.assertRefused(self.client.get(url), url)
                    self.assertRefused(self.client.post(url, {}), url)
            self.assertEqual(model.objects.filter(pk__in=[rows["en"].pk, rows["ar"].pk]).count(), 2)

    def test_the_editions_own_snippet_opens_and_saves(self):
        self.sign_in("editor", "fa")
        for model, rows in self.kinds():
            for view in OBJECT_VIEWS:
                url = snippet_url(model, view, rows["fa"].pk)
                self.assertEqual(self.client.get(url).status_code, 200, url)
        url = snippet_url(Person, "edit", self.people["fa"].pk)
        response = self.client.post(url, {"name": "نویسنده", "slug": "writer-fa", "bio": ""})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.people["fa"].refresh_from_db()
        self.assertEqual(self.people["fa"].name, "نویسنده")

    def test_a_new_snippet_goes_in_the_users_edition(self):
        self.sign_in("editor", "fa")
        for model, _rows in self.kinds():
            add = snippet_url(model, "add")
            self.assertRedirects(self.client.get(add), f"{add}?locale=fa", fetch_redirect_response=False)
            self.assertEqual(self.client.get(f"{add}?locale=fa").status_code, 200)
            self.assertRefused(self.client.get(f"{add}?locale=en"))
            self.assertRefused(self.client.post(f"{add}?locale=en", {"name": "X", "slug": "x"}))
        self.assertFalse(Person.objects.filter(slug="x").exists())

    def test_bulk_delete_leaves_another_editions_snippets(self):
        self.sign_in("editor", "fa")
        for model, rows in self.kinds():
            url = reverse(
                "wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, "delete"]
            )
            self.client.post(f"{url}?id={rows['en'].pk}&id={rows['ar'].pk}&id={rows['fa'].pk}", {})
            self.assertEqual(model.objects.filter(pk__in=[rows["en"].pk, rows["ar"].pk]).count(), 2, model)
            self.assertFalse(model.objects.filter(pk=rows["fa"].pk).exists(), model)

    def test_a_translator_fixes_names_in_the_edition_but_adds_and_deletes_nothing(self):
        self.sign_in("translator", "fa")
        self.assertEqual(self.client.get(snippet_url(Person, "edit", self.people["fa"].pk)).status_code, 200)
        self.assertEqual(
            self.client.get(snippet_url(Category, "edit", self.categories["fa"].pk)).status_code, 200
        )
        self.assertRefused(self.client.get(snippet_url(Person, "edit", self.people["ar"].pk)))
        self.assertRefused(self.client.get(snippet_url(Person, "add") + "?locale=fa"))
        self.assertRefused(self.client.post(snippet_url(Person, "delete", self.people["fa"].pk)))
        self.assertTrue(Person.objects.filter(pk=self.people["fa"].pk).exists())
        self.assertRefused(self.client.get(snippet_url(Navigation, "edit", self.menus["fa"].pk)))

    def test_a_superuser_still_reaches_every_edition(self):
        self.client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))
        for model, rows in self.kinds():
            listed = set(self.client.get(snippet_url(model, "list")).context["object_list"])
            self.assertEqual(listed, set(rows.values()), model)
            self.assertEqual(self.client.get(snippet_url(model, "edit", rows["en"].pk)).status_code, 200)
