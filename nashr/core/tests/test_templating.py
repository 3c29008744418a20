"""The readers' Jinja2 environment (nashr/templating.py): Django's manners where templates rely on them."""

from collections import Counter
from datetime import UTC, datetime
from unittest import mock

from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.utils import translation
from wagtail.rich_text import RichText
from wagtail.templatetags.wagtailcore_tags import richtext as wagtails_richtext


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


class EnvironmentTests(SimpleTestCase):
    def test_a_missing_variable_is_empty_and_its_attributes_too(self):
        self.assertEqual(render("[{{ missing }}][{{ missing.attribute.deeper }}]"), "[][]")

    def test_a_dicts_keys_read_with_a_dot_and_its_methods_still_called(self):
        menu = {"label": "News", "url": "/en/", "items": "not the method", "nested": {"url": "/fa/"}}
        self.assertEqual(
            render("{{ m.label }} {{ m.url }} {{ m.nested.url }} [{{ m.gone }}]", m=menu), "News /en/ /fa/ []"
        )
        # A key named as one of dict's methods does not hide the method, as in Jinja2's own lookup.
        self.assertEqual(render("{{ m['items'] }}|{{ m.items()|list|length }}", m=menu), "not the method|4")
        self.assertEqual(render("{{ m.get('label') }}", m=menu), "News")
        # A dict's subclass is looked up as Jinja2 does: its attribute first, then its item.
        counts = Counter(url=2, total=5)
        self.assertEqual(render("{{ c.url }}|{{ c.total() }}", c=counts), "2|7")

    def test_default_replaces_any_false_value_and_default_if_none_only_none_or_missing(self):
        source = "{{ a|default('x') }}|{{ a|default_if_none('y') }}|{{ missing|default_if_none('z') }}"
        self.assertEqual(render(source, a=""), "x||z")
        self.assertEqual(render(source, a=None), "x|y|z")
        self.assertEqual(render(source, a=0), "x|0|z")

    @override_settings(TIME_ZONE="Asia/Tehran")
    def test_date_is_in_the_current_time_zone_as_djangos_date_filter_gives_it(self):
        moment = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
        self.assertEqual(render("{{ d|date('c') }}", d=moment), "2026-03-21T00:30:00+03:30")
        django_engine = engines["django"]
        values = [
            moment,
            moment.replace(microsecond=577455),
            datetime(2026, 3, 20, 21, 0),
            moment.date(),
            None,
            "",
        ]
        for value in values:
            for form in ("c", "Y-m-d", None):
                with self.subTest(value=value, form=form):
                    argument = f":'{form}'" if form else ""
                    djangos = django_engine.from_string(f"{{{{ d|date{argument} }}}}").render({"d": value})
                    argument = f"('{form}')" if form else ""
                    ours = render(f"{{{{ d|date{argument} }}}}", d=value)
                    self.assertEqual(ours, djangos)

    def test_a_template_sees_every_global_and_its_own_stay_its_own(self):
        env = engines["jinja2"].env
        template = env.from_string("{{ url is defined }} {{ _ is defined }} {{ static is defined }} {{ x }}")
        self.assertEqual(template.render(x=1), "True True True 1")
        self.assertTrue(set(env.globals) <= set(template.globals))
        own = env.from_string("{{ extra }}", globals={"extra": "only here"})
        self.assertEqual(own.render(), "only here")
        self.assertNotIn("extra", env.globals)
        self.assertEqual(env.from_string("{{ extra }}").render(), "")

    def test_digits_rewritten_keep_escaped_text_escaped_and_escape_plain_text(self):
        with translation.override("fa"):
            self.assertEqual(
                render("{% filter edition_digits %}{{ t }} 12{% endfilter %}", t="a<b"), "a&lt;b ۱۲"
            )
            self.assertEqual(render("{{ t|edition_digits }}", t="<3"), "&lt;۳")

    def test_richtext_is_wagtails_markup(self):
        for value in (
            RichText('<p>One <a linktype="external" href="https://example.org">two</a></p>'),
            "<p>x</p>",
            None,
        ):
            with self.subTest(value=value):
                self.assertEqual(render("{{ v|richtext }}", v=value), str(wagtails_richtext(value)))

    def test_wagtails_rich_text_wrapper_is_its_own(self):
        """The richtext filter skips Wagtail's wrapper template: valid while the site does not override it."""
        origin = get_template("wagtailcore/shared/richtext.html").origin.name
        self.assertIn("site-packages/wagtail/", origin)

    def test_inclusion_functions_render_their_template_with_what_the_tag_returns(self):
        request = RequestFactory().get("/en/articles/one/?x=1")
        with mock.patch("nashr.mirrors.templatetags.mirror_tags.onion_base", return_value="http://ab.onion"):
            html = render("<head>{{ mirror_head() }}</head>", request=request)
        link = '<link rel="alternate" href="http://ab.onion/en/articles/one/?x=1">'
        self.assertEqual(html.split(), ["<head>", *link.split(), "</head>"])


class PeopleNamesTests(SimpleTestCase):
    def test_each_name_is_written_as_format_html_writes_it(self):
        from django.utils.html import format_html

        from nashr.core.templatetags.nashr_tags import people_names

        names = ['O\'Brien & "Sons"', "<b>", "نام"]
        people = [
            mock.Mock(get_absolute_url=mock.Mock(return_value=f"/en/author/{n}/?a=1&b='2'")) for n in names
        ]
        for person, name in zip(people, names, strict=True):
            person.name = name
        with translation.override("sq"):
            for link, pattern in [
                (False, "<bdi>{1}</bdi>"),
                (True, '<a href="{0}" rel="author"><bdi>{1}</bdi></a>'),
            ]:
                expected = [format_html(pattern, p.get_absolute_url(), p.name) for p in people]
                self.assertEqual(str(people_names(people[:1], link=link)), expected[0])
                self.assertEqual(
                    str(people_names(people, link=link)), f"{expected[0]}, {expected[1]} dhe {expected[2]}"
                )

    def test_names_are_joined_as_the_edition_writes_a_list_each_isolated_and_escaped(self):
        people = [mock.Mock(name=f"p{n}") for n in range(3)]
        for person, name in zip(people, ["Ana", "Bo <i>", "Cyrus"], strict=True):
            person.name = name
            person.get_absolute_url.return_value = f"/fa/author/{name[:2].strip()}/"
        with translation.override("fa"):
            html = render("{{ people_names(people) }}", people=people)
            linked = render("{{ people_names(people[:2], link=true) }}", people=people)
        self.assertEqual(html, "<bdi>Ana</bdi>،\u200f <bdi>Bo &lt;i&gt;</bdi>، و <bdi>Cyrus</bdi>")
        self.assertEqual(
            linked,
            '<a href="/fa/author/An/" rel="author"><bdi>Ana</bdi></a> و '
            '<a href="/fa/author/Bo/" rel="author"><bdi>Bo &lt;i&gt;</bdi></a>',
        )
        with translation.override("en"):
            self.assertEqual(render("{{ people_names(people[:1]) }}", people=people), "<bdi>Ana</bdi>")
            self.assertEqual(render("{{ people_names([]) }}"), "")


class TranslationsTests(SimpleTestCase):
    def test_a_text_is_the_active_editions_each_time_and_djangos_answer(self):
        source = '{{ _("By") }}|{{ _("Not a text of the catalogs") }}|{{ _("%(n)s left", n=2) }}'
        for language in ["fa", "en", "fa", "ar", "en"]:
            with self.subTest(language=language), translation.override(language):
                expected = "|".join(
                    [
                        translation.gettext("By"),
                        "Not a text of the catalogs",
                        translation.gettext("%(n)s left"),
                    ]
                ).replace("%(n)s", "2")
                self.assertEqual(render(source), expected)
        with translation.override("fa"):
            self.assertEqual(render('{{ _("By") }}'), "نوشتهٔ")

    def test_underscore_gives_what_jinjas_own_gives(self):
        from jinja2.ext import _gettext_alias

        env = engines["jinja2"].env
        source = (
            '{{ _("By") }}|{{ _("Comments") }}|{{ _("%(n)s left", n="<2>") }}|{{ _("100%% sure") }}'
            '|{{ _("Skip to content") }}|{% set t = _("Share") %}{{ t }}'
        )
        for language in ["en", "fa", "ar", "sq", "en"]:
            with self.subTest(language=language), translation.override(language):
                ours = env.from_string(source).render()
                theirs = env.from_string(source, globals={"_": _gettext_alias}).render()
                self.assertEqual(ours, theirs)
                self.assertIn("&lt;2&gt;", ours)
                self.assertIn("100% sure", ours)
        with translation.override("fa"):
            self.assertIn("نوشتهٔ", env.from_string(source).render())

    def test_a_catalog_loaded_again_is_read_again(self):
        from django.utils.translation import trans_real

        with translation.override("fa"):
            self.assertEqual(render('{{ _("By") }}'), "نوشتهٔ")
            loaded = trans_real._translations.pop("fa")  # as Django drops them when a .mo file changes
            try:
                translation.activate("fa")
                with mock.patch.object(
                    type(trans_real._translations["fa"]), "gettext", return_value="changed"
                ):
                    self.assertEqual(render('{{ _("By") }}'), "changed")
            finally:
                trans_real._translations["fa"] = loaded

    def test_no_active_language_is_the_default_one(self):
        with translation.override(None):
            self.assertEqual(render('{{ _("By") }}'), translation.gettext("By"))


class StaticTests(SimpleTestCase):
    def test_a_files_address_is_djangos_and_follows_a_changed_setting(self):
        from django.templatetags.static import static

        self.assertEqual(render('{{ static("css/nashr.css") }}'), static("css/nashr.css"))
        with override_settings(STATIC_URL="/elsewhere/"):
            self.assertEqual(render('{{ static("css/nashr.css") }}'), static("css/nashr.css"))
            self.assertTrue(render('{{ static("css/nashr.css") }}').startswith("/elsewhere/"))
        self.assertEqual(render('{{ static("css/nashr.css") }}'), static("css/nashr.css"))


class FixedUrlTests(SimpleTestCase):
    NAMES = [("wagtail_serve", ""), ("search",), ("choose_edition", "fa"), ("offline_edition",)]

    def test_an_address_is_djangos_in_each_language_script_prefix_and_url_configuration(self):
        from django.conf import settings
        from django.urls import reverse, set_script_prefix, set_urlconf

        for language in ["en", "fa", "ar", "sq"]:
            for prefix in ["/", "/news/"]:
                for urlconf in [None, settings.NASHR_READER_URLCONF]:
                    with self.subTest(language=language, prefix=prefix, urlconf=urlconf):
                        set_script_prefix(prefix)
                        set_urlconf(urlconf)
                        try:
                            with translation.override(language):
                                for name, *args in self.NAMES:
                                    expected = reverse(name, args=args or None)
                                    self.assertTrue(expected.startswith(prefix), expected)
                                    source = "{{ fixed_url(" + ", ".join(map(repr, [name, *args])) + ") }}"
                                    self.assertEqual(render(source), expected)
                        finally:
                            set_script_prefix("/")
                            set_urlconf(None)
        with translation.override("fa"):  # the edition's home follows the language
            self.assertEqual(render('{{ fixed_url("wagtail_serve", "") }}'), "/fa/")


class IncludeBlockTests(SimpleTestCase):
    def test_a_block_is_rendered_as_wagtails_include_block_renders_it(self):
        from wagtail.blocks import StreamValue
        from wagtail.jinja2tags import WagtailCoreExtension

        from nashr.core.blocks import BodyBlock

        stream = StreamValue(
            BodyBlock(),
            [
                ("paragraph", RichText('<p>One <b>two</b> & "three"</p>')),
                ("quote", {"text": "Read <this>", "attribution": "A & B"}),
                (
                    "embed",
                    {"url": "https://example.org/post", "title": "A post", "provider": "", "thumbnail": None},
                ),
            ],
        )
        source = "{% for block in stream %}[{% include_block block %}]{% endfor %}"
        ours = render(source, stream=stream, feed=False)
        with mock.patch(
            "nashr.templating.BlocksExtension._include_block", WagtailCoreExtension._include_block
        ):
            wagtails = engines["jinja2"].env.from_string(source).render(stream=stream, feed=False)
        self.assertEqual(ours, wagtails)
        self.assertIn("<b>two</b>", ours)
        self.assertIn("Read &lt;this&gt;", ours)
