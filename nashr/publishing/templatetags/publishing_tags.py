"""Pieces of templates kept with the page cache's fragments (`publishing.cache.fragment`).

`{% cached "name" values... [edition] %}`: a piece rendered once for every page that shows it.

    {% load publishing_tags %}
    {% cached "footer" edition %}...{% endcached %}
    {% cached "picture" image.pk image.file_hash eager %}...{% endcached %}

The name and the values after it (resolved in the template's context) identify the piece, with the active
language, so put there everything the block shows that is not the same for every page using it. The block is
kept until the whole site is purged (`purge_all()`: menus, site name) and, with `edition` last, until
something in the active edition is published (its home's purge): use `edition` for what lists the edition's
pages.

`{% kept "name" [ancestors] %}`: a piece of the page being served that shows the page itself (its title,
byline, body, head metadata), kept per *published state* of the page. The key holds Wagtail's
`page.cache_key` (id, url_path, last publish), so publishing the page makes a new one without any purge, and
the piece is stored under the page's own URL, so whatever the dependency map purges for that URL (a renamed
author or category, a published translation, an approved comment) renews it too; with `ancestors` last, a
publish of a page above renews it as well (for what shows their titles, such as breadcrumbs). Only pages
that routing serves to readers use it (`BasePage.kept`), and only at the page's own address (not a routable
page's sub-pages): previews of drafts and publishing itself always render afresh. What is inside must not
depend on the query string or on the visitor.
"""

import hashlib
from urllib.parse import unquote

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from nashr.core.models import url_ancestors
from nashr.editions.urls import edition_url
from nashr.publishing.cache import fragment

register = template.Library()


class CachedNode(template.Node):
    def __init__(self, nodelist, parts, per_edition):
        self.nodelist = nodelist
        self.parts = parts
        self.per_edition = per_edition

    def render(self, context):
        language = translation.get_language()
        parts = [language, *(str(part.resolve(context)) for part in self.parts)]
        name = "html:" + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
        paths = [edition_url(language)] if self.per_edition else []
        return mark_safe(fragment(name, paths, lambda: str(self.nodelist.render(context))))


class KeptNode(template.Node):
    def __init__(self, nodelist, name, with_ancestors):
        self.nodelist = nodelist
        self.name = name
        self.with_ancestors = with_ancestors

    def render(self, context):
        page = context.get("page")
        request = context.get("request")
        # Only at the page's own address: a routable page's sub-pages (an edition home's tag pages) differ.
        url = page.served_url if hasattr(page, "served_url") and request is not None else None
        # `url` is percent-encoded (Persian and Arabic slugs), `request.path` is not.
        if not url or request.path != unquote(url):
            return self.nodelist.render(context)
        name = f"html:{self.name}:{translation.get_language()}:{page.cache_key}"
        also = url_ancestors(url) if self.with_ancestors else ()
        return mark_safe(page.kept(name, lambda: str(self.nodelist.render(context)), also))


@register.tag
def kept(parser, token):
    bits = token.split_contents()[1:]
    with_ancestors = bits[-1:] == ["ancestors"]
    if with_ancestors:
        bits = bits[:-1]
    if len(bits) != 1 or bits[0][0] not in "\"'" or bits[0][0] != bits[0][-1]:
        raise template.TemplateSyntaxError('{% kept %} takes one quoted name: {% kept "name" [ancestors] %}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[0][1:-1], with_ancestors)


@register.tag
def cached(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% cached %} needs a name")
    per_edition = bits[-1] == "edition"
    if per_edition:
        bits = bits[:-1]
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedNode(nodelist, [parser.compile_filter(bit) for bit in bits], per_edition)
