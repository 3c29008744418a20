"""`{% cached "name" values... [edition] %}`: a piece of template shared by every page that shows it.

    {% load caching_tags %}
    {% cached "footer" edition %}...{% endcached %}
    {% cached "picture" image.pk image.file_hash eager %}...{% endcached %}

The name and the values after it (resolved in the template's context) identify the piece, with the active
language, so put there everything the block shows that is not the same for every page using it. The piece is
kept until the whole site is renewed and, with `edition` last, until anything in the active edition changes:
use `edition` for whatever lists or names the edition's pages. What is inside must not depend on the query
string or on the visitor.
"""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from nashr.caching.store import fragment

register = template.Library()


class CachedNode(template.Node):
    def __init__(self, nodelist, parts, per_edition):
        self.nodelist = nodelist
        self.parts = parts
        self.per_edition = per_edition

    def render(self, context):
        language = translation.get_language()
        name = "html:" + "\x1f".join([language, *(str(part.resolve(context)) for part in self.parts)])
        edition = language if self.per_edition else None
        return mark_safe(fragment(name, lambda: str(self.nodelist.render(context)), edition))


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
