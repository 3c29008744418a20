"""The kinds of post the read API names, and the page types and values behind them.

One page type may hold several kinds (ImagePostPage: cartoons and news pictures; PeriodicalIssuePage: the
newsletter, the brief and the digest), so `?type=` takes these names, as readers know the posts, and each
item says its kind in `meta.kind`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from nashr.articles.models import ArticlePage
from nashr.core.models import PostPage
from nashr.multimedia.models import GalleryPage, ImagePostPage, VideoPage
from nashr.publications.models import BookPage, PeriodicalIssuePage

# kind -> (page type, the field values that narrow the type to the kind)
KINDS = {
    "article": (ArticlePage, {}),
    "cartoon": (ImagePostPage, {"kind": ImagePostPage.Kind.CARTOON}),
    "news_picture": (ImagePostPage, {"kind": ImagePostPage.Kind.NEWS_PICTURE}),
    "gallery": (GalleryPage, {}),
    "video": (VideoPage, {}),
    "book": (BookPage, {}),
    "newsletter": (PeriodicalIssuePage, {"periodical": PeriodicalIssuePage.Periodical.NEWSLETTER}),
    "brief": (PeriodicalIssuePage, {"periodical": PeriodicalIssuePage.Periodical.BRIEF}),
    "digest": (PeriodicalIssuePage, {"periodical": PeriodicalIssuePage.Periodical.DIGEST}),
}


def kind_of(page):
    """The kind of a specific post page ("article", "cartoon", "digest"...)."""
    for kind, (model, narrow) in KINDS.items():
        if type(page) is model and all(getattr(page, name) == value for name, value in narrow.items()):
            return kind
    return None


def parse_kinds(value):
    """`?type=article,video` -> (the page type to list, Q that selects the kinds among its pages): the
    kinds' own type when they share one (its fields can then be asked for), else PostPage.

    Raises ValueError naming what is unknown."""
    names = list(dict.fromkeys(name.strip() for name in value.split(",")))
    unknown = [name for name in names if name not in KINDS]
    if unknown:
        known = ", ".join(KINDS)
        raise ValueError(
            f"unknown type: {', '.join(unknown)[:200]} (one or more of {known}, comma-separated)"
        )
    models = {KINDS[name][0] for name in names}
    if len(models) == 1:
        model = models.pop()
        narrows = [KINDS[name][1] for name in names]
        if not all(narrows):  # a kind that is the whole type
            return model, Q()
        return model, _any(Q(**narrow) for narrow in narrows)
    return PostPage, _any(
        Q(content_type=ContentType.objects.get_for_model(model))
        & Q(**{f"{model._meta.model_name}__{field}": value for field, value in narrow.items()})
        for model, narrow in (KINDS[name] for name in names)
    )


def _any(queries):
    queries = list(queries)
    query = queries[0]
    for other in queries[1:]:
        query |= other
    return query
