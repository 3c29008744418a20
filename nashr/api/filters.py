"""The read API's filters: category, tag, author, dates, slug and order, each refusing bad input with 400.

`?type=` is read by the view itself (it decides which page type, and so which fields, a listing has).
Categories and authors are named by their slug in the edition read; tags by their slug.
"""

import datetime as dt

from django.db.models import Q
from django.utils.dateparse import parse_date
from rest_framework.filters import BaseFilterBackend
from taggit.models import Tag
from wagtail.api.v2.utils import BadRequestError

from nashr.articles.models import ArticleAuthor, ArticlePage, ArticleTag, Category
from nashr.core.models import PostPage
from nashr.people.models import Person

PARAMETERS = ("category", "tag", "author", "date_from", "date_to", "slug", "order")
ORDERS = {"-published_at": ("-published_at", "-pk"), "published_at": ("published_at", "pk")}


def _articles_only(queryset, name):
    if queryset.model not in (PostPage, ArticlePage):
        raise BadRequestError(f"{name} filters articles: leave it out with this type")


class TaxonomyFilter(BaseFilterBackend):
    """?category=culture, ?tag=books, ?author=lena: articles in that category, with that tag, by them."""

    def filter_queryset(self, request, queryset, view):
        edition = view.edition
        for name, lookup in (
            ("category", self._category),
            ("tag", self._tag),
            ("author", self._author),
        ):
            value = request.GET.get(name)
            if value is not None:
                _articles_only(queryset, name)
                queryset = queryset.filter(lookup(value, edition))
        return queryset

    @staticmethod
    def _category(slug, edition):
        category = Category.objects.filter(locale_id=edition.locale_id, slug=slug).first()
        if category is None:
            raise BadRequestError(f"category: no category '{slug[:100]}' in this edition")
        return Q(
            pk__in=ArticlePage.categories.through.objects.filter(category=category).values("articlepage_id")
        )

    @staticmethod
    def _tag(slug, edition):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise BadRequestError(f"tag: no tag '{slug[:100]}'")
        return Q(pk__in=ArticleTag.objects.filter(tag=tag).values("content_object_id"))

    @staticmethod
    def _author(slug, edition):
        person = Person.objects.filter(locale_id=edition.locale_id, slug=slug).first()
        if person is None:
            raise BadRequestError(f"author: no author '{slug[:100]}' in this edition")
        return Q(pk__in=ArticleAuthor.objects.filter(person=person).values("page_id"))


def _date(request, name):
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        day = parse_date(value)
    except ValueError:  # well formed but no such day, e.g. 2026-02-30
        day = None
    if day is None:
        raise BadRequestError(f"{name} must be a date as YYYY-MM-DD, e.g. 2026-12-05")
    return day


class DateFilter(BaseFilterBackend):
    """?date_from=2026-11-01&date_to=2026-11-30: posts dated on those days or between them (both included)."""

    def filter_queryset(self, request, queryset, view):
        start, end = _date(request, "date_from"), _date(request, "date_to")
        if start is not None and end is not None and start > end:
            raise BadRequestError("date_from must not be after date_to")
        if start is not None:
            queryset = queryset.filter(published_at__date__gte=start)
        if end is not None and end < dt.date.max:
            queryset = queryset.filter(published_at__date__lte=end)
        return queryset


class SlugFilter(BaseFilterBackend):
    """?slug=book-fair-opens: the post with that slug in this edition (an app finding a page it links to)."""

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("slug")
        return queryset if slug is None else queryset.filter(slug=slug)


class OrderFilter(BaseFilterBackend):
    """Newest first; ?order=published_at for oldest first."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order", "-published_at")
        if order not in ORDERS:
            raise BadRequestError("order must be -published_at (newest first, the default) or published_at")
        return queryset.order_by(*ORDERS[order])
