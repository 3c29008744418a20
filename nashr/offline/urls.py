from django.urls import path

from .views import offline_edition

urlpatterns = [path("", offline_edition, name="offline_edition")]
