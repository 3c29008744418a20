"""Health checks from each mirror's public address, and what readers are told: the mirrors page,
/mirrors.json (also on the mirrors), the onion address, reader mail, the nashr_mirror_urls hook; and
resync_mirrors."""

import json
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail import hooks

from nashr.core.tests.factories import publish
from nashr.mirrors import announce
from nashr.mirrors.health import edition_stamp
from nashr.mirrors.models import Mirror
from nashr.publishing.tests.factories import small_site

from .base import SeaweedMixin

ARTICLE = "en/articles/book-fair-opens/index.html"


@override_settings(NASHR_PAGE_SIZE=2)
class HealthTests(SeaweedMixin, TestCase):
    seaweed_port = 18150

    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.section, cls.article = small_site()

    def setUp(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.mirror = self.bucket_mirror(editions=["en"])

    def check(self):
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("check_mirrors", stdout=out)
        self.mirror.refresh_from_db()
        return out.getvalue()

    def put_home(self, body):
        self.s3.client().put_object(
            Bucket=self.mirror.bucket, Key="news/site/en/index.html", Body=body, ContentType="text/html"
        )

    def test_a_pushed_mirror_is_healthy_and_listed_everywhere(self):
        self.assertIn("bucket-eu: Up to date", self.check())
        self.assertEqual(self.mirror.health, Mirror.Health.HEALTHY)
        home = f"{self.mirror.public_url}en/index.html"
        listing = self.client.get("/en/mirrors/")
        self.assertContains(listing, home)
        self.assertContains(self.client.get("/en/"), 'href="/en/mirrors/"')  # the footer
        self.assertNotContains(self.client.get("/fa/mirrors/"), home)  # it carries English only
        document = json.loads(self.client.get("/mirrors.json").content)
        self.assertEqual(document["mirrors"][0]["editions"], {"en": home})
        on_mirror = json.loads(self.get_object(self.mirror, "mirrors.json")[0])  # the mirror lists itself
        self.assertEqual(on_mirror["mirrors"][0]["name"], "bucket-eu")
        self.assertIn(home.encode(), self.get_object(self.mirror, "en/mirrors/index.html")[0])
        urls = [u for fn in hooks.get_hooks("nashr_mirror_urls") for u in fn(self.article)]
        self.assertEqual(urls, [f"{self.mirror.public_url}{ARTICLE}"])
        self.assertEqual(self.s3_status(urls[0]), 200)

    def s3_status(self, url):
        from nashr.mirrors.health import fetch

        return fetch(url)[0]

    def test_a_mirror_behind_the_site_is_caught_up_then_stale_then_unlisted(self):
        self.check()
        old_home = self.get_object(self.mirror, "en/index.html")[0]
        with self.captureOnCommitCallbacks(execute=True):
            self.article.title = "Book fair opens its doors"
            publish(self.article)
        self.put_home(old_home)  # the mirror lost the last push
        self.assertIn("catching up", self.check())
        self.assertEqual(self.mirror.health, Mirror.Health.HEALTHY)
        Mirror.objects.filter(pk=self.mirror.pk).update(behind_since=timezone.now() - timedelta(hours=1))
        self.assertIn("Behind the site", self.check())
        self.assertEqual(self.mirror.health, Mirror.Health.STALE)
        self.assertNotContains(self.client.get("/en/mirrors/"), self.mirror.public_url)
        self.assertEqual(json.loads(self.client.get("/mirrors.json").content)["mirrors"], [])
        self.assertEqual([u for fn in hooks.get_hooks("nashr_mirror_urls") for u in fn(self.article)], [])

    def test_a_mirror_that_lost_its_home_is_unreachable(self):
        self.s3.client().delete_object(Bucket=self.mirror.bucket, Key="news/site/en/index.html")
        self.assertIn("Unreachable", self.check())
        self.assertIn("404", self.mirror.health_detail)
        self.put_home(b"<html>something else</html>")
        self.check()
        self.assertIn("no nashr-published stamp", self.mirror.health_detail)

    def test_the_stamp_changes_with_every_change_and_is_one_short_query(self):
        stamps = [edition_stamp("en")]
        with self.captureOnCommitCallbacks(execute=True):
            self.article.unpublish()
        stamps.append(edition_stamp("en"))
        with self.captureOnCommitCallbacks(execute=True):
            call_command("refresh", edition=["en"], stdout=StringIO())
        with self.assertNumQueries(1):  # one row an edition, whatever its size
            stamps.append(edition_stamp("en"))
        self.assertEqual(len(set(stamps)), 3, stamps)
        self.assertIn(f'content="{stamps[-1]}"', self.client.get("/en/").content.decode())
        self.assertNotEqual(edition_stamp("sq"), stamps[-1])  # another edition keeps its own

    def test_the_onion_address_is_announced_on_every_page(self):
        with self.captureOnCommitCallbacks(execute=True):
            Mirror.objects.create(
                name="onion", kind=Mirror.Kind.ONION, public_url="http://nashrexample.onion/"
            )
        with mock.patch.object(announce.cache, "get", wraps=announce.cache.get) as reads:
            response = self.client.get(self.article.url)
        # read once for the page's head and its header
        self.assertEqual([call.args[0] for call in reads.call_args_list].count(announce.ONION_KEY), 1)
        self.assertEqual(response["Onion-Location"], f"http://nashrexample.onion{self.article.url}")
        self.assertContains(
            response, f'<link rel="alternate" href="http://nashrexample.onion{self.article.url}">'
        )
        self.assertNotIn("Onion-Location", self.client.get("/en/rss.xml"))
        pushed = self.get_object(self.mirror, ARTICLE)[0]
        self.assertIn(b"http://nashrexample.onion/en/articles/book-fair-opens/", pushed)

    def test_resync_restores_lost_files_and_deletes_strays(self):
        client = self.s3.client()
        client.delete_object(Bucket=self.mirror.bucket, Key=f"news/site/{ARTICLE}")
        client.put_object(Bucket=self.mirror.bucket, Key="news/site/en/old-page/index.html", Body=b"old")
        client.put_object(Bucket=self.mirror.bucket, Key="outside-prefix.txt", Body=b"kept")
        out = StringIO()
        call_command("resync_mirrors", "--mirror", "bucket-eu", stdout=out)
        self.assertIn("file(s) deleted", out.getvalue())
        self.assertIn(b"Book fair opens", self.get_object(self.mirror, ARTICLE)[0])
        keys = self.keys(self.mirror)
        self.assertNotIn("news/site/en/old-page/index.html", keys)
        self.assertIn("outside-prefix.txt", keys)
        with self.assertRaisesMessage(CommandError, "unknown edition(s) xx"):
            call_command("resync_mirrors", "--edition", "xx", stdout=StringIO())
        with self.assertRaisesMessage(CommandError, "no enabled bucket or folder mirror named nope"):
            call_command("resync_mirrors", "--mirror", "nope", stdout=StringIO())

    def test_a_failing_resync_is_recorded_and_shown_in_the_admin(self):
        from django.contrib.auth import get_user_model

        Mirror.objects.filter(pk=self.mirror.pk).update(bucket="nashr-gone-bucket")
        with self.assertRaisesMessage(CommandError, "1 mirror(s) failed: bucket-eu"):
            call_command("resync_mirrors", stdout=StringIO(), stderr=StringIO())
        self.mirror.refresh_from_db()
        self.assertIs(self.mirror.failing, True)
        chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
        self.client.force_login(chief)
        self.assertContains(self.client.get("/admin/mirrors/"), "does not exist at this endpoint")
