"""The read API: Wagtail's API v2 endpoints, read-only, one set per edition (`/fa/api/v2/pages/`).

Under the edition's prefix, so the page cache keeps and renews the API's answers with the edition's pages
(nashr/caching): whatever renews the edition (a publish, an unpublish, a restriction, a comment approved, a
category renamed) renews its API at the same moment, in every process.

Only live, public posts of the edition are listed or found; nothing of a reader (comments appear as a count)
or of a signed-in user (no authentication: a session changes nothing here). Any origin may read (CORS
`Access-Control-Allow-Origin: *`, never with credentials). Bad input is answered 400 with a message.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils import translation
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer

from nashr.caching.middleware import CACHE_CONTROL
from nashr.core.models import PostPage
from nashr.editions.published import private_q, published_editions
from nashr.images.models import NashrImage
from nashr.multimedia.models import GalleryImage

from . import filters
from .bulk import RENDITION_SPECS, Extras, detail_url, renditions_of
from .fields import DETAIL_ONLY, POST_FIELDS, POST_META_FIELDS, TYPE_FIELDS, field
from .kinds import parse_kinds


class Pagination(WagtailPagination):
    """Wagtail's `limit` and `offset`, with an offset no database refuses (SQLite's is a 64-bit integer)."""

    MAX_OFFSET = 10**9

    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_far = int(request.GET.get("offset", 0)) > self.MAX_OFFSET
        except ValueError:
            too_far = False  # Wagtail's own message follows
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {self.MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class AlwaysJSON(BaseContentNegotiation):
    """JSON whatever the Accept header says: one answer per address, as the page cache keeps it."""

    def select_parser(self, request, parsers):
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ReadOnlyAPI:
    """What every endpoint of the read API shares: the edition, the query check, headers, no sign-in."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AlwaysJSON
    pagination_class = Pagination
    http_method_names = ["get", "head", "options"]
    detail_query_parameters = frozenset(["fields"])

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.private = private_q()  # the restricted pages, read once for everything this answer shows
        self.editions = published_editions(self.private)
        self.edition = self.editions.get(translation.get_language())
        if self.edition is None:
            raise Http404("this edition is not published")
        self.check_query(request)

    def check_query(self, request):
        listing = self.action == "listing_view"
        allowed = self.known_query_parameters if listing else self.detail_query_parameters
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed))
            raise BadRequestError(
                f"unknown query parameter: {', '.join(unknown)[:200]} (known here: {known})"
            )
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            raise BadRequestError("query parameters must not contain null characters")

    def keep(self, kept):
        """Say whether the page cache may keep this answer (nashr/caching/middleware.py): a listing past its
        end is answered, never kept, so made-up offsets cannot push real answers out of the cache."""
        self.request._request.nashr_keep_query = kept

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response.setdefault("Cache-Control", CACHE_CONTROL)
        return response

    def options(self, request, *args, **kwargs):
        """A CORS preflight: reading is allowed from anywhere, nothing else."""
        response = Response(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Max-Age"] = "86400"
        return response

    def get_renderer_context(self):
        """Compact JSON (Wagtail indents by 4 spaces): smaller to keep and to send; `jq` indents it."""
        return {**super().get_renderer_context(), "indent": None}

    def get_serializer_context(self):
        # Wagtail's pages endpoint adds its base queryset (for a `parent` field, not offered here): not asked.
        context = BaseAPIViewSet.get_serializer_context(self)
        return {**context, "extras": getattr(self, "extras", None)}

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<id:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def listing_page(self, queryset):
        """The requested slice of `queryset`, and whether the cache may keep the answer."""
        items = self.paginate_queryset(queryset)
        offset = int(self.request.GET.get("offset", 0))  # checked by the paginator
        return items, offset == 0 or offset < self.paginator.total_count


class PostsAPIViewSet(ReadOnlyAPI, PagesAPIViewSet):
    """/<edition>/api/v2/pages/: the edition's posts of every kind, newest first."""

    filter_backends = [filters.TaxonomyFilter, filters.DateFilter, filters.SlugFilter, filters.OrderFilter]
    known_query_parameters = frozenset(["limit", "offset", "fields", "type", *filters.PARAMETERS])
    body_fields = ["id"]
    meta_fields = ["type"]
    listing_default_fields = ["id", "type", *(f if isinstance(f, str) else f.name for f in POST_META_FIELDS)]
    listing_default_fields += [f if isinstance(f, str) else f.name for f in POST_FIELDS]
    nested_default_fields = ["id", "type", "title"]
    detail_only_fields = DETAIL_ONLY
    model = PostPage

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(
            [*cls.body_fields, *POST_FIELDS, *TYPE_FIELDS.get(model._meta.label, [])]
        )

    @classmethod
    def get_meta_fields(cls, model):
        return cls._convert_api_fields([*cls.meta_fields, *POST_META_FIELDS])

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.listing_default_fields[:]

    def get_queryset(self):
        """The edition's live public posts; in a listing, of the kinds `?type=` names."""
        if not hasattr(self, "_queryset"):
            model, kinds = PostPage, Q()
            if "type" in self.request.GET and self.action == "listing_view":
                try:
                    model, kinds = parse_kinds(self.request.GET["type"])
                except ValueError as error:
                    raise BadRequestError(str(error)) from error
            posts = model.objects.live().exclude(self.private).filter(edition_id=self.edition.locale_id)
            self._queryset = posts.filter(kinds)
        return self._queryset.all()

    def get_object(self):
        if not hasattr(self, "_object"):
            page = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if page is None:
                raise Http404("no such post in this edition")
            self._object = page.specific
        return self._object

    def listing_view(self, request):
        items, kept = self.listing_page(self.filter_queryset(self.get_queryset()))
        pages = list(items.specific())
        self.extras = Extras(pages, self.edition, self.editions, self.private, request)
        data = self.get_serializer(pages, many=True).data
        self.keep(kept)
        return self.get_paginated_response(data)

    def detail_view(self, request, pk):
        page = self.get_object()
        self.extras = Extras([page], self.edition, self.editions, self.private, request)
        self.keep(True)
        return Response(self.get_serializer(page).data)


IMAGE_FIELDS = [
    "title",
    "width",
    "height",
    field("alt", lambda image, extras: image.default_alt_text),
    field("caption", lambda image, extras: image.default_caption),
    "credit",
    field("renditions", lambda image, extras: renditions_of(image)),
]


class PicturesAPIViewSet(ReadOnlyAPI, BaseAPIViewSet):
    """/<edition>/api/v2/images/: the pictures the edition's posts show (lead pictures, galleries)."""

    base_serializer_class = ImageSerializer
    filter_backends = []
    known_query_parameters = frozenset(["limit", "offset", "fields"])
    body_fields = ["id", *IMAGE_FIELDS]
    meta_fields = [
        "type",
        field("detail_url", lambda image, extras: detail_url(translation.get_language(), "images", image.pk)),
        "download_url",
    ]
    listing_default_fields = ["id", "type", "detail_url", "download_url", "title", "width", "height"]
    listing_default_fields += ["alt", "caption", "credit", "renditions"]
    nested_default_fields = ["id", "type", "detail_url", "title"]
    model = NashrImage
    name = "images"

    def get_queryset(self):
        posts = PostPage.objects.live().exclude(self.private).filter(edition_id=self.edition.locale_id)
        leads = posts.filter(lead_image__isnull=False).values("lead_image_id")
        galleries = GalleryImage.objects.filter(page_id__in=posts.values("pk")).values("image_id")
        shown = NashrImage.objects.filter(Q(pk__in=leads) | Q(pk__in=galleries))
        return shown.order_by("-pk").prefetch_renditions(*RENDITION_SPECS)

    def get_object(self):
        if not hasattr(self, "_object"):
            image = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if image is None:
                raise Http404("no such picture in this edition")
            self._object = image
        return self._object

    def listing_view(self, request):
        items, kept = self.listing_page(self.get_queryset())
        data = self.get_serializer(list(items), many=True).data
        self.keep(kept)
        return self.get_paginated_response(data)

    def detail_view(self, request, pk):
        self.keep(True)
        return Response(self.get_serializer(self.get_object()).data)
