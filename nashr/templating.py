"""The Jinja2 environment of the readers' templates (nashr/jinja2/, decision 0028).

Every page, component and error page a reader receives is a Jinja2 template; the admin, mail, offline
readme and forms' widgets stay on Django's engine. The functions and filters here are the ones the Django
tag libraries (each app's templatetags/) give Django's templates, under the same names, so both engines
share one implementation of each:

    {{ _("Menu") }}  {{ pgettext("social network", "Telegram") }}  {% trans n=count %}...{% endtrans %}
    {{ fixed_url("search") }}  {{ static("css/nashr.css") }}  {{ post|page_href }}  {{ value|edition_date }}
    {% set nav = navigation() %}  {% cached "footer", edition %}...{% endcached %}

A function that read the Django template's context reads the Jinja2 one (`pass_context`): that is the
template's variables and what its includer passed, not a `{% set %}` of the same template.
"""

import datetime
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from jinja2 import ChainableUndefined, Environment, TemplateNotFound, Undefined, pass_context
from markupsafe import Markup, escape
from wagtail.blocks import Block
from wagtail.jinja2tags import WagtailCoreExtension
from wagtail.rich_text import RichText, expand_db_html

from nashr.comments.forms import blank_form_fields
from nashr.core.templatetags import nashr_tags
from nashr.editions import catalogs
from nashr.home.templatetags import card_tags
from nashr.images.templatetags import picture_tags
from nashr.mirrors.templatetags import mirror_tags
from nashr.navigation.templatetags import navigation_tags
from nashr.newsletters.templatetags import newsletter_tags
from nashr.seo.templatetags import seo_tags

EXTENSIONS = [
    "jinja2.ext.i18n",
    "nashr.templating.BlocksExtension",  # Wagtail's core tags: include_block, pageurl, richtext...
    "wagtail.images.jinja2tags.images",
    "wagtail.admin.jinja2tags.userbar",
    "nashr.caching.jinja.CachedExtension",
]


def inclusion(template_name, function, takes_context=False):
    """A Django inclusion tag's function as a Jinja2 global: its template rendered with what it returns."""

    @pass_context
    def render(context, *args, **kwargs):
        values = function(context, *args, **kwargs) if takes_context else function(*args, **kwargs)
        return Markup(context.environment.get_template(template_name).render(values))

    return render


def keeps_safe(function):
    """A filter that rewrites digits keeps text already escaped as it is (`{% filter edition_digits %}`)."""

    def keeping(value, *args):
        result = function(value, *args)
        return Markup(result) if hasattr(value, "__html__") else result

    return keeping


def url(name, *args, **kwargs):
    """Django's reverse(): for an address with a row's id or a token in it (a comment's reply form)."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def fixed_url(name, *args):
    """The address of a view whose arguments are code's, not a row's (the edition's home, search, the
    edition switcher's language codes), kept per language, script prefix and URL configuration as static
    addresses are (decision 0030): seven reverse() calls an article, about 12 us each."""
    return _fixed_url(name, args, translation.get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=256)
def _fixed_url(name, args, language, script_prefix, urlconf):
    return reverse(name, args=args or None, urlconf=urlconf)


def date(value, arg=None):
    """Django's `date` filter on the value in the current time zone, as Django's engine gives it. "c" (ISO
    8601, what `<time datetime>` takes on every card and comment) is the value's `isoformat()`, as Django's
    formatter writes it, without building the formatter: 20 -> 3 us."""
    value = timezone.template_localtime(value)
    if arg == "c" and isinstance(value, datetime.date):
        return value.isoformat()
    return defaultfilters.date(value, arg)


def richtext(value):
    """Wagtail's `richtext` filter without its wrapper template, `{{ html|safe }}`, which Django's engine
    would render for every paragraph (this site does not override it: `test_templating` checks)."""
    source = value.source if isinstance(value, RichText) else "" if value is None else str(value)
    return Markup(expand_db_html(source))


def default_if_none(value, fallback):
    """Django's `default_if_none`, where a variable the template was not given counts as None."""
    return fallback if value is None or isinstance(value, Undefined) else value


def default(value, fallback):
    """Django's `default`: the fallback for any false value (Jinja2's own keeps "", 0 and None)."""
    return value or fallback


@lru_cache(maxsize=512)
def static_url(path):
    """Django's `static`: a file's address, from the storage's manifest of hashed names, which is read once
    per process: 136 Python calls an address, and a page asks for four or five."""
    return static(path)


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES"}:
        static_url.cache_clear()
    if setting in {"ROOT_URLCONF", "LANGUAGES", "FORCE_SCRIPT_NAME"}:
        _fixed_url.cache_clear()


GLOBALS = {
    "url": url,
    "fixed_url": fixed_url,
    "static": static_url,
    "get_current_language": translation.get_language,
    "get_current_language_bidi": translation.get_language_bidi,
    # core
    "share_links": pass_context(nashr_tags.share_links),
    "editions_menu": pass_context(nashr_tags.editions_menu),
    "page_url": pass_context(nashr_tags.page_url),
    "picture_alt": pass_context(nashr_tags.picture_alt),
    "language_name": nashr_tags.language_name,
    "people_names": nashr_tags.people_names,
    "blank_comment_form": blank_form_fields,
    # content
    "navigation": pass_context(navigation_tags.navigation),
    "current_menu_url": pass_context(navigation_tags.current_menu_url),
    "section_links": pass_context(navigation_tags.section_links),
    "card_meta_of": card_tags.card_meta_of,
    "post_card_meta": pass_context(card_tags.post_card_meta),
    "responsive_picture": picture_tags.responsive_picture,
    # delivery and channels
    "seo_metadata": pass_context(seo_tags.seo_metadata),
    "mirror_head": inclusion("components/mirror_head.html", mirror_tags.mirror_head, takes_context=True),
    "healthy_mirrors": mirror_tags.healthy_mirrors,
    "newsletter_signup": inclusion("components/newsletter_signup.html", newsletter_tags.newsletter_signup),
}

FILTERS = {
    "page_href": nashr_tags.page_href,
    "edition_digits": keeps_safe(nashr_tags.edition_digits),
    "edition_number": keeps_safe(nashr_tags.edition_number),
    "edition_filesize": nashr_tags.edition_filesize,
    "edition_date": nashr_tags.edition_date,
    "image_text": nashr_tags.image_text,
    "richtext": richtext,
    "date": date,
    "default": default,
    "default_if_none": default_if_none,
    "truncatechars": defaultfilters.truncatechars,
    "linebreaks": defaultfilters.linebreaks_filter,
    "linebreaksbr": defaultfilters.linebreaksbr,
    "urlencode": defaultfilters.urlencode,
    "cut": defaultfilters.cut,
}


class BlocksExtension(WagtailCoreExtension):
    """Wagtail's `{% include_block %}` and the rest of its core tags. A block that renders its value through
    one of these templates (every block of a body) is rendered here as Wagtail's `Block.render` renders it,
    the template taken from this environment: Wagtail asks Django's loader, which looks for it engine by
    engine and wraps it, about 50 calls a block. Anything else goes Wagtail's way."""

    def _include_block(self, value, context, use_context):
        block = getattr(value, "block", None)
        if block is None or not hasattr(value, "render_as_block") or type(block).render is not Block.render:
            return super()._include_block(value, context, use_context)
        parent = context.get_all() if use_context else {}
        name = block.get_template(value.value, context=parent)
        try:
            template = self.environment.get_template(name) if name else None
        except TemplateNotFound:
            template = None
        if template is None:  # rendered by Django's engine, or without a template (render_basic)
            return super()._include_block(value, context, use_context)
        html = Markup(template.render(block.get_context(value.value, parent_context=dict(parent))))
        return escape(html) if context.eval_ctx.autoescape else html


class ReadersEnvironment(Environment):
    def make_globals(self, d):
        """A template's globals as one dict, the environment's with the template's own over them.

        Jinja2 gives each template a ChainMap over the environment's globals, and every top-level render
        (a page, each StreamField block) copies it into the context key by key through ChainMap's Python
        `__getitem__`: 30 us of a 43 us paragraph. A dict is copied in C. The environment's globals are all
        set here, before any template is loaded (Jinja2 asks for nothing else: "avoid modifying any globals
        after a template is loaded"); `test_templating` checks a template sees them all."""
        return {**self.globals, **(d or {})}

    def getattr(self, obj, attribute):
        """`a.b` in a template. Jinja2 tries the attribute, then the item; a plain dict (menus, a card's
        links, the head's metadata) has no such attribute, so each of its values cost a raised and caught
        AttributeError (180 on an article). A dict's key is read first, unless it is the name of one of
        dict's own methods, which `a.items()` and the like still reach."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


_DICT_ATTRIBUTES = frozenset(dir(dict))


@pass_context
def translate(__context, __string, **variables):
    """`_()`: Jinja2's newstyle gettext (the text as Markup where the template escapes, then formatted with
    `variables`, "%%" and all), called directly. Jinja2's `_` looks up `gettext` in the context and calls
    it through two more layers; a text without variables is kept whole with the catalog
    (editions/catalogs.py)."""
    autoescape = __context.eval_ctx.autoescape
    texts = None if variables else catalogs.kept("_nashr_markup")
    if texts is None or type(__string) is not str:
        return _formatted(catalogs.gettext(__string), autoescape, variables)
    key = (__string, autoescape)
    found = texts.get(key)
    if found is None:
        found = texts[key] = _formatted(catalogs.gettext(__string), autoescape, {})
    return found


def _formatted(text, autoescape, variables):
    return (Markup(text) if autoescape else text) % variables


def environment(**options):
    options["undefined"] = ChainableUndefined  # a missing variable is empty, as in Django's engine
    env = ReadersEnvironment(extensions=EXTENSIONS, **options)
    env.install_gettext_callables(
        catalogs.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(GLOBALS)
    env.globals["_"] = translate
    env.filters.update(FILTERS)  # after the extensions': `richtext` replaces Wagtail's
    return env
