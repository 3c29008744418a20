"""The read API's addresses inside each edition's prefix: /<edition>/api/v2/pages/ and .../images/."""

from wagtail.api.v2.router import WagtailAPIRouter

from .views import PicturesAPIViewSet, PostsAPIViewSet

router = WagtailAPIRouter("nashr_api")
router.register_endpoint("pages", PostsAPIViewSet)
router.register_endpoint("images", PicturesAPIViewSet)

urlpatterns = [*router.get_urlpatterns()]
