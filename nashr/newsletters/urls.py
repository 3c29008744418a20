from django.urls import path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
]
