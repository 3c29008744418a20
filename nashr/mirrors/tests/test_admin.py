"""The mirror registry in the admin: who may see it, what each kind needs, bad input refused with a clear
error and nothing saved, secrets never shown again and encrypted at rest."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import TestCase, override_settings

from nashr.core import secrets
from nashr.core.tests.factories import build_editions
from nashr.mirrors.models import Mirror

from ..seaweed import ACCESS_KEY, REGION, SECRET_KEY
from .base import SeaweedMixin

ADD = "/admin/mirrors/new/"


class MirrorAdminTests(SeaweedMixin, TestCase):
    seaweed_port = 18130

    @classmethod
    def setUpTestData(cls):
        build_editions()
        cls.chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.chief)
        self.bucket = "nashr-admin"
        if not hasattr(type(self), "_made"):
            self.s3.make_bucket(self.bucket)
            type(self)._made = True

    def form(self, **changes):
        data = {
            "name": "bucket-eu",
            "kind": "bucket",
            "enabled": "on",
            "public_url": f"{self.s3.endpoint}/{self.bucket}/news/",
            "endpoint_url": self.s3.endpoint,
            "bucket": self.bucket,
            "region": REGION,
            "prefix": "news",
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "folder": "",
        }
        data.update(changes)
        return data

    def post(self, url=ADD, **changes):
        with self.captureOnCommitCallbacks(execute=False):
            return self.client.post(url, self.form(**changes))

    def test_a_bucket_mirror_is_saved_and_its_secret_never_shown_again(self):
        response = self.post(editions=["fa", "ar"])
        self.assertEqual(response.status_code, 302, response.content[-3000:])
        mirror = Mirror.objects.get(name="bucket-eu")
        self.assertEqual(mirror.editions, ["fa", "ar"])
        self.assertNotIn(SECRET_KEY, mirror.secret_key_encrypted)
        self.assertEqual(mirror.secret_key, SECRET_KEY)
        edit = self.client.get(f"/admin/mirrors/edit/{mirror.pk}/")
        self.assertNotContains(edit, SECRET_KEY)
        self.assertNotContains(edit, mirror.secret_key_encrypted)
        response = self.post(f"/admin/mirrors/edit/{mirror.pk}/", secret_key="", region=REGION)
        self.assertEqual(response.status_code, 302)
        mirror.refresh_from_db()
        self.assertEqual(mirror.secret_key, SECRET_KEY)  # left empty: kept
        self.assertContains(self.client.get("/admin/mirrors/"), "bucket-eu")

    def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(self):
        cases = [
            ({"endpoint_url": "not a url"}, "Enter the endpoint as a URL"),
            ({"prefix": "news/../../etc"}, "without “..”"),
            ({"bucket": "nashr-no-such-bucket"}, "does not exist at this endpoint"),
            ({"secret_key": "wrong-secret"}, "refused the access key or secret key"),
            ({"bucket": ""}, "This kind of mirror needs it."),
            ({"kind": "onion", "public_url": "https://example.net/"}, "ends in .onion"),
            ({"kind": "folder", "folder": "relative/path"}, "Enter an absolute path"),
            ({"kind": "folder", "folder": "/proc/nashr-cannot-be-made"}, "cannot be created"),
        ]
        for changes, message in cases:
            with self.subTest(changes):
                response = self.post(**changes)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertFalse(Mirror.objects.exists())

    def test_an_onion_service_needs_only_its_address(self):
        response = self.post(name="onion", kind="onion", public_url="http://nashrexample.onion/", bucket="")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Mirror.objects.get().onion_host, "nashrexample.onion")

    def test_only_staff_with_the_permission_see_mirrors(self):
        editor = get_user_model().objects.create_user("editor", "e@example.org", "pw")
        editor.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        self.client.force_login(editor)
        self.assertEqual(self.client.get("/admin/mirrors/").status_code, 302)
        self.assertEqual(self.post().status_code, 302)
        self.assertFalse(Mirror.objects.exists())
        editor.user_permissions.add(Permission.objects.get(codename="view_mirror"))
        self.assertEqual(self.client.get("/admin/mirrors/").status_code, 200)


class SecretTests(TestCase):
    def test_a_secret_survives_a_rotated_secret_key_and_fails_clearly_without_it(self):
        with override_settings(SECRET_KEY="old-key-" * 8):
            token = secrets.encrypt("mirror.secret", "s3cr3t")
        with override_settings(SECRET_KEY="new-key-" * 8, SECRET_KEY_FALLBACKS=["old-key-" * 8]):
            self.assertEqual(secrets.decrypt("mirror.secret", token), "s3cr3t")
        with override_settings(SECRET_KEY="new-key-" * 8), self.assertRaises(secrets.SecretUnreadable):
            secrets.decrypt("mirror.secret", token)
