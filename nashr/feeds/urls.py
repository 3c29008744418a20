from django.urls import re_path

from . import views

# Inside the edition prefix: "", "articles/", "category/culture/"... then the feed's file name.
urlpatterns = [
    re_path(
        r"^(?P<path>(?:[^/]+/)*)(?P<filename>rss\.xml|atom\.xml|feed\.json)$",
        views.feed,
        name="feed",
    ),
]
