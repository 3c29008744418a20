from django import template

from nashr.home.cards import CardMeta, card_meta, card_meta_for

register = template.Library()


@register.simple_tag
def card_meta_of(*groups):
    """A lazy {pk: CardMeta} for the posts of every group given (lists, querysets, paginator pages)."""
    return card_meta_for(post for group in groups if group for post in group)


@register.simple_tag(takes_context=True)
def post_card_meta(context, post):
    """The card's label and byline, from the listing's `card_meta` when it has one, else looked up alone."""
    shared = context.get("card_meta")
    if shared is not None and post.pk in shared:
        return shared[post.pk]
    return card_meta([post]).get(post.pk, CardMeta())
