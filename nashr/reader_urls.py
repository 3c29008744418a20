"""The addresses readers' requests are routed with: every address but the admin's (nashr/urls.py adds
those). nashr/core/reader_urlconf.py says which requests, and why."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from nashr.accounts.urls import site_login
from nashr.comments.views import post_comment, reply
from nashr.contact.views import send_message
from nashr.core import converters  # noqa: F401  (registers <id:...>)
from nashr.core import views as core_views
from nashr.editions.views import choose_edition
from nashr.mirrors import urls as mirror_urls
from nashr.newsletters.webhooks import provider_webhook
from nashr.search.views import search_view

urlpatterns = [
    path("documents/", include(wagtaildocs_urls)),
    path("", include("nashr.seo.urls")),
    path("", include(mirror_urls.urlpatterns)),
    path("edition/<str:code>/", choose_edition, name="choose_edition"),
    re_path(r"^anymail/(?P<route>.+/)$", provider_webhook),  # the provider's bounce and complaint webhooks
]

urlpatterns += i18n_patterns(
    path("comments/<id:page_id>/", post_comment, name="post_comment"),
    path("comments/<id:page_id>/reply/<id:comment_id>/", reply, name="reply_to_comment"),
    path("contact-form/<id:page_id>/", send_message, name="send_contact_message"),
    path("subscriptions/", include("nashr.newsletters.urls")),  # no page may use the slug "subscriptions"
    path("offline/", include("nashr.offline.urls")),  # no page may use the slug "offline"
    path("search/", search_view, name="search"),  # before Wagtail's pages: no page may use the slug "search"
    path("api/v2/", include(("nashr.api.urls", "nashr_api"))),  # the read API: no page may use the slug "api"
    path("", include(mirror_urls.edition_urlpatterns)),  # /<edition>/mirrors/
    path("", include("nashr.feeds.urls")),
    path("_util/login/", site_login, name="wagtailcore_login"),  # Wagtail's, throttled (accounts/urls.py)
    re_path(
        serve_pattern, core_views.serve, name="wagtail_serve"
    ),  # Wagtail's page view, routed in one query
    path("", include(wagtail_urls)),  # pages, and the password and login forms of private ones
    prefix_default_language=True,
)

handler404 = core_views.page_not_found
handler500 = core_views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
