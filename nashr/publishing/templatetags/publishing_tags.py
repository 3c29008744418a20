"""`{% cached %}`: a piece of a template rendered once and kept with the page cache's fragments.

    {% load publishing_tags %}
    {% cached "footer" edition %}...{% endcached %}
    {% cached "picture" image.pk image.file_hash eager %}...{% endcached %}

The name and the values after it (resolved in the template's context) identify the piece, with the active
language, so put there everything the block shows that is not the same for every page using it. The block is
kept until the whole site is purged (`purge_all()`: menus, site name) and, with `edition` last, until
something in the active edition is published (its home's purge): use `edition` for what lists the edition's
pages. What a page shows of itself stays outside such blocks: it is rendered each time.
"""

import hashlib

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

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
