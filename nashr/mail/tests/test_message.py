from django.test import TestCase

from nashr.core.tests.factories import build_editions
from nashr.mail import render_message


class MessageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()

    def render(self, language, **context):
        base = {
            "subject": "Confirm: you & the newsletter",
            "heading": "One more step",
            "paragraphs": ["Follow the link <b>below</b>.", "Nothing else."],
            "action_url": "/en/newsletters/confirm/abc/",
            "action_label": "Confirm",
        }
        return render_message("notice", {**base, **context}, language=language)

    def test_subject_comes_from_the_subject_block_unescaped(self):
        self.assertEqual(self.render("en").subject, "Confirm: you & the newsletter")

    def test_html_escapes_what_it_is_given_and_text_does_not(self):
        rendered = self.render("en")
        self.assertIn("Follow the link &lt;b&gt;below&lt;/b&gt;.", rendered.html)
        self.assertIn("Follow the link <b>below</b>.", rendered.text)
        self.assertIn("Confirm: http://localhost/en/newsletters/confirm/abc/", rendered.text)
        self.assertIn('href="http://localhost/en/newsletters/confirm/abc/"', rendered.html)

    def test_language_sets_lang_dir_alignment_and_digits(self):
        rendered = self.render("ar", subject="تأكيد", paragraphs=["رقم 12"])
        self.assertRegex(rendered.html, r'<html lang="ar" dir="rtl"')
        self.assertIn("text-align:right", rendered.html)
        self.assertIn("رقم 12", rendered.html)  # Arabic keeps Western digits (editions.EDITION_DIGITS)
        sq = self.render("sq", subject="Konfirmo")
        self.assertRegex(sq.html, r'<html lang="sq" dir="ltr"')

    def test_a_missing_template_is_an_error_not_an_empty_mail(self):
        from django.template import TemplateDoesNotExist

        with self.assertRaises(TemplateDoesNotExist):
            render_message("no_such_mail", {}, language="en")
