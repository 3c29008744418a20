"""What readers are told of the mirrors, without a server: only healthy mirrors, only of their edition, in
the footer, on the mirrors page, in /mirrors.json and in newsletter issues; nothing without mirrors."""

import json

from django.core.cache import cache
from django.test import TestCase

from nashr.mail.render import render_issue
from nashr.mirrors.models import Mirror
from nashr.newsletters.tests.factories import build_site, make_issue


class AnnounceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site()
        cls.issue = make_issue(site["newsletter"], 3)

    def setUp(self):
        cache.clear()  # a TestCase runs no on-commit renewal: no fragment of another test's mirrors

    def add(self, name, health, **fields):
        fields.setdefault("kind", Mirror.Kind.BUCKET)
        fields.setdefault("public_url", f"https://{name}.example.net/news/")
        mirror = Mirror.objects.create(name=name, **fields)
        Mirror.objects.filter(pk=mirror.pk).update(health=health)
        return mirror

    def test_without_healthy_mirrors_readers_are_told_nothing(self):
        self.add("down", Mirror.Health.UNREACHABLE)
        self.assertNotContains(self.client.get("/en/"), "/en/mirrors/")
        self.assertContains(self.client.get("/en/mirrors/"), "There are no other addresses at the moment.")
        self.assertEqual(json.loads(self.client.get("/mirrors.json").content), {"mirrors": []})
        mail = render_issue(self.issue)
        self.assertNotIn("down.example.net", mail.html + mail.text)
        self.assertNotIn("If the site is blocked", mail.text)

    def test_newsletter_issues_carry_the_healthy_mirrors_of_their_edition(self):
        self.add("up", Mirror.Health.HEALTHY)
        self.add("farsi", Mirror.Health.HEALTHY, editions=["fa"])
        self.add("stale", Mirror.Health.STALE)
        mail = render_issue(self.issue)
        for body in (mail.html, mail.text):
            self.assertIn("https://up.example.net/news/en/index.html", body)
            self.assertNotIn("farsi.example.net", body)
            self.assertNotIn("stale.example.net", body)
        self.assertIn("If the site is blocked where you are, read it at:", mail.text)
        page = self.client.get("/en/mirrors/")
        self.assertContains(page, "https://up.example.net/news/en/index.html")
        self.assertNotContains(page, "stale.example.net")
        self.assertContains(self.client.get("/fa/mirrors/"), "https://farsi.example.net/news/fa/index.html")

    def test_an_onion_service_lists_the_sites_own_addresses(self):
        self.add(
            "onion", Mirror.Health.HEALTHY, kind=Mirror.Kind.ONION, public_url="http://nashrexample.onion/"
        )
        document = json.loads(self.client.get("/mirrors.json").content)
        self.assertEqual(document["mirrors"][0]["editions"]["fa"], "http://nashrexample.onion/fa/")
        self.assertContains(self.client.get("/en/mirrors/"), "With Tor Browser:")
