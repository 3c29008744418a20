"""`{% cached "name", values... [, edition] %}`: a piece of a readers' template that every page showing it
shares.

    {% cached "footer", edition %}...{% endcached %}
    {% cached "picture", image.pk, image.file_hash, eager %}...{% endcached %}

Pieces are kept in the fragment store (caching/store.py): the name and the values after it identify the
piece, with the active language, so put there everything the block shows that is not the same for every
page using it. The piece is kept until the whole site is renewed and, with the bare word `edition` last,
until anything in the active edition changes: use it for whatever lists or names the edition's pages. What
is inside must not depend on the query string or on the visitor.
"""

from django.utils import translation
from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup

from nashr.caching.store import fragment


class CachedExtension(Extension):
    tags = {"cached"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        per_edition = False
        while parser.stream.skip_if("comma"):
            if parser.stream.current.test("name:edition") and parser.stream.look().test("block_end"):
                next(parser.stream)
                per_edition = True
                break
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        call = self.call_method("_piece", [nodes.List(parts), nodes.Const(per_edition)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    @staticmethod
    def _piece(parts, per_edition, caller):
        language = translation.get_language()
        name = "html:" + "\x1f".join([language, *(str(part) for part in parts)])
        return Markup(fragment(name, lambda: str(caller()), language if per_edition else None))
