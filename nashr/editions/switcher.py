from django.utils import translation
from wagtail.models import Page

from nashr.caching.queries import PreparedQuery
from nashr.caching.store import per_request

from .editions import all_editions
from .published import private_q
from .urls import edition_url, page_url


def page_translations(page):
    """The live public pages sharing `page`'s translation key, itself too, with their locales. One query,
    kept on `page`: the editions menu and the head's hreflang links both ask."""
    if not hasattr(page, "_nashr_translations"):
        page._nashr_translations = _TRANSLATIONS(**translations_values(page))
    return page._nashr_translations


def translations_read(page):
    """The read `page_translations(page)` makes, for `caching.together.read_together`."""
    return None if hasattr(page, "_nashr_translations") else _TRANSLATIONS.ahead(**translations_values(page))


def translations_values(page):
    return {"key": page.translation_key, "shape": {"private": private_q()}}


_TRANSLATIONS = PreparedQuery(
    lambda key, private: (
        Page.objects.live()
        .exclude(private)
        .filter(translation_key=key)
        .select_related("locale")
        .only("url_path", "locale__language_code")  # what a link to it needs: not the whole row
    )
)


def snippet_translations(snippet):
    """The rows sharing a translatable snippet's translation key (a category, a person), itself too, with
    their locales: one prepared query a request, which the editions menu and the head's hreflang links share
    (a category's nine listing pages asked twice each, compiling the query each time)."""
    model = type(snippet)
    key = snippet.translation_key
    name = f"snippet-translations:{model._meta.label}:{key}"
    return per_request(name, lambda: _SNIPPET_TRANSLATIONS(key=key, shape={"model": model}))


_SNIPPET_TRANSLATIONS = PreparedQuery(
    lambda key, model: model.objects.filter(translation_key=key).select_related("locale").order_by("pk")
)


def translations_of(obj):
    """{language code: URL} of the published translations of a page or translatable snippet, itself too."""
    if obj is None or not getattr(obj, "translation_key", None):
        return {}
    if isinstance(obj, Page):
        return {p.locale.language_code: page_url(p.locale_id, p.url_path) for p in page_translations(obj)}
    return {o.locale.language_code: o.get_absolute_url() for o in snippet_translations(obj)}


def edition_links(obj=None):
    """One link per edition: the translation of `obj` (a page or a translatable snippet) where one
    exists, else that edition's home. Costs one query for `obj` and none without one.
    """
    translations = translations_of(obj)
    current = translation.get_language()
    links = []
    for edition in all_editions():
        translated = translations.get(edition.code)
        links.append(
            {
                "edition": edition,
                "url": translated or edition_url(edition.code),
                "is_translation": translated is not None,
                "is_current": edition.code == current,
            }
        )
    return links
