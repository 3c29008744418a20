"""A four-edition site with roles set up, content in three editions and one person per role."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import add_section, build_editions
from nashr.navigation.models import Navigation
from nashr.users import roles

BODY = {"en": "A quiet morning.", "fa": "صبحی آرام.", "ar": "صباح هادئ."}
TITLES = {"en": "Market day", "fa": "روز بازار", "ar": "يوم السوق"}


def snippet_url(model, view, *args):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{view}", args=args)


class EditionSiteTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.locales = {code: Locale.objects.get(language_code=code) for code in ("en", "fa", "ar")}
        cls.sections, cls.articles, cls.people, cls.categories, cls.menus = {}, {}, {}, {}, {}
        for code, locale in cls.locales.items():
            cls.sections[code] = add_section(cls.homes[code], f"News {code}", slug=f"news-{code}")
            cls.articles[code] = make_article(
                cls.sections[code], TITLES[code], body=[("paragraph", f"<p>{BODY[code]}</p>")]
            )
            cls.people[code] = PersonFactory(name=f"Writer {code}", slug=f"writer-{code}", locale=locale)
            cls.categories[code] = CategoryFactory(name=f"Sport {code}", slug=f"sport-{code}", locale=locale)
            cls.menus[code] = Navigation.objects.create(site_name=f"Nashr {code}", locale=locale)
        cls.comments = {
            code: Comment.objects.create(page=cls.articles[code], name=f"Reader {code}", body=BODY[code])
            for code in cls.locales
        }
        roles.set_up()
        User = get_user_model()
        cls.users = {}
        for role, code in [("translator", "fa"), ("editor", "fa"), ("reviewer", "fa"), ("moderator", "ar")]:
            user = User.objects.create_user(f"{code}-{role}", f"{code}-{role}@example.org", "pw")
            roles.grant(user, role, code)
            cls.users[(role, code)] = user

    def setUp(self):
        cache.clear()

    def assertRefused(self, response, msg=None):
        """Wagtail's admin answers a refusal with a redirect to the dashboard (403 for scripts)."""
        if response.status_code != 403:
            self.assertEqual(response.status_code, 302, msg)
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"), msg)

    def sign_in(self, role, code):
        self.client.force_login(self.users[(role, code)])
