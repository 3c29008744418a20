"""Staff passwords: the admin's user forms and the password change form refuse guessable ones with a
message that says why, and take a good passphrase (validators: nashr/settings/security.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.admin.forms.auth import PasswordChangeForm
from wagtail.models import Site

PASSPHRASE = "river lamp quietly orange bicycle"


class PasswordTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("chief", "chief@example.org", PASSPHRASE)
        cls.editor = get_user_model().objects.create_user(
            "leyla.karimi", "leyla@example.org", PASSPHRASE, first_name="Leyla", last_name="Karimi"
        )
        Site.objects.filter(is_default_site=True).update(
            site_name="Daily Lantern", hostname="lantern.example"
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def errors(self, password, user=None):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def test_the_issues_example_and_short_ones_are_refused_with_reasons(self):
        self.assertIn("at least 12 characters", self.errors("nashr2026", self.editor))
        self.assertIn("too guessable", self.errors("nashr2026", self.editor))
        self.assertIn("at least 12 characters", self.errors("Xq7#kP2!", self.editor))

    def test_the_username_the_name_and_the_site_are_refused(self):
        self.assertIn("too similar to the username", self.errors("leyla.karimi1", self.editor))
        self.assertIn("too similar to the username", self.errors("LeylaKarimi2026", self.editor))
        self.assertIn("contains the name “Nashr”", self.errors("nashrnewsroom2026", self.editor))
        # The site's name as Wagtail knows it, not only the settings' publication name.
        self.assertIn("contains the name “Daily Lantern”", self.errors("Daily-Lantern-2026", self.editor))
        self.assertIn("contains the name “lantern”", self.errors("lantern+harbour+kettle", self.editor))

    def test_common_and_numeric_passwords_are_refused(self):
        self.assertIn("too common", self.errors("password1234", self.editor))
        self.assertIn("entirely numeric", self.errors("271828182845", self.editor))

    def test_a_good_passphrase_is_taken_long_ones_too(self):
        self.assertEqual(self.errors(PASSPHRASE, self.editor), "")
        self.assertEqual(self.errors(PASSPHRASE * 3, self.editor), "")  # past zxcvbn's 72 characters

    def user_form(self, password, **extra):
        return {
            "username": "new.editor",
            "email": "new.editor@example.org",
            "first_name": "Sami",
            "last_name": "Haddad",
            "password1": password,
            "password2": password,
            **extra,
        }

    def test_the_admins_new_user_form_says_why(self):
        response = self.client.post(reverse("wagtailusers_users:add"), self.user_form("nashr2026"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This password is too short. It must contain at least 12 characters.")
        self.assertContains(response, "Your password is too guessable")
        self.assertFalse(get_user_model().objects.filter(username="new.editor").exists())

        response = self.client.post(reverse("wagtailusers_users:add"), self.user_form(PASSPHRASE))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(get_user_model().objects.get(username="new.editor").check_password(PASSPHRASE))

    def test_the_admins_edit_user_form_says_why(self):
        url = reverse("wagtailusers_users:edit", args=[self.editor.pk])
        data = self.user_form("leyla.karimi", username="leyla.karimi", is_active="on")
        response = self.client.post(url, data)
        self.assertContains(response, "The password is too similar to the username.")
        self.editor.refresh_from_db()
        self.assertTrue(self.editor.check_password(PASSPHRASE))

    def test_the_password_change_form_says_why(self):
        form = PasswordChangeForm(
            self.editor,
            {"old_password": PASSPHRASE, "new_password1": "nashr2026", "new_password2": "nashr2026"},
        )
        self.assertFalse(form.is_valid())
        self.assertIn("This password is too short.", " ".join(form.errors["new_password2"]))
        new = "amber quietly folds seven paper cranes"
        form = PasswordChangeForm(
            self.editor, {"old_password": PASSPHRASE, "new_password1": new, "new_password2": new}
        )
        self.assertTrue(form.is_valid(), form.errors)

    def test_the_reasons_are_translated_for_a_farsi_admin(self):
        with translation.override("fa"):
            message = self.errors("nashr2026", self.editor)
        self.assertNotIn("too guessable", message)
        self.assertTrue(any("\u0600" <= char <= "\u06ff" for char in message), message)
