"""Readers' inputs and textareas drawn in Python are what Django's Jinja2 widget templates draw."""

from pathlib import Path

import django
from django import forms
from django.forms.renderers import Jinja2
from django.test import SimpleTestCase
from markupsafe import Markup

from nashr.core.form_renderer import INPUTS, TEXTAREA, ReadersRenderer

WIDGETS = [
    forms.TextInput, forms.EmailInput, forms.HiddenInput, forms.CheckboxInput, forms.NumberInput,
    forms.URLInput, forms.PasswordInput, forms.DateInput, forms.DateTimeInput, forms.TimeInput,
    forms.Textarea,
]  # fmt: skip
VALUES = [None, "", "plain", "a \"quoted\" <b>bold</b> & 'apostrophe'", 0, 42, Markup("<i>kept</i>"), "باران"]
ATTRS = [
    {},
    {"required": True, "disabled": False, "maxlength": 254, "class": 'x" onclick="y'},
    {"aria-describedby": "id_email-error", "aria-invalid": "true", "autocomplete": "email", "dir": "auto"},
    {"placeholder": "<you@example.org>", "data-n": None},
]


class DrawnAsDjangoDrawsThemTests(SimpleTestCase):
    def test_every_input_and_textarea_matches_djangos_templates(self):
        ours, djangos = ReadersRenderer(), Jinja2()
        for widget_class in WIDGETS:
            for value in VALUES:
                for attrs in ATTRS:
                    widget = widget_class(attrs=attrs)
                    with self.subTest(widget=widget_class.__name__, value=value, attrs=attrs):
                        drawn = widget.render("field-name", value, renderer=ours)
                        self.assertEqual(drawn, widget.render("field-name", value, renderer=djangos))
                        self.assertTrue(drawn.startswith(("<input ", "<textarea ")))

    def test_only_templates_that_are_the_input_element_are_drawn_in_python(self):
        templates = Path(django.__file__).parent / "forms" / "jinja2"
        include = '{% include "django/forms/widgets/input.html" %}'
        for name in INPUTS - {"django/forms/widgets/input.html"}:
            self.assertEqual((templates / name).read_text().strip(), include, name)
        self.assertIn("<textarea", (templates / TEXTAREA).read_text())

    def test_other_widgets_still_come_from_the_templates(self):
        choices = [("a", "Rain"), ("b", 'Snow "deep"')]
        for widget in (forms.Select(choices=choices), forms.CheckboxSelectMultiple(choices=choices)):
            with self.subTest(widget=type(widget).__name__):
                self.assertEqual(
                    widget.render("kind", ["b"], renderer=ReadersRenderer()),
                    widget.render("kind", ["b"], renderer=Jinja2()),
                )
