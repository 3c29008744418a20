from django.urls import path, re_path

from . import views

# At the site's root, outside the edition prefixes: one index and robots.txt for the whole site.
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    re_path(r"^sitemap-(?P<code>[a-z]{2,3}(?:-[a-z0-9]+)?)-(?P<number>[0-9]+)\.xml$", views.edition_sitemap),
    re_path(r"^sitemap-(?P<code>[a-z]{2,3}(?:-[a-z0-9]+)?)-topics\.xml$", views.topics_sitemap),
]
