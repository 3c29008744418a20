from django.urls import path

from . import views

# Under each edition (i18n_patterns): /<edition>/mirrors/; no page may use the slug "mirrors".
edition_urlpatterns = [path("mirrors/", views.mirrors_page, name="mirrors")]
urlpatterns = [path("mirrors.json", views.mirrors_document, name="mirrors_json")]
