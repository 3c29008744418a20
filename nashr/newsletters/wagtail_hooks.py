"""Newsletters in the admin: lists, subscribers (no one is added by hand: they confirm themselves or are
imported), mailings, and "Send to subscribers" on a published issue."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import MailingList, Subscriber


class MailingListViewSet(ModelViewSet):
    model = MailingList
    url_prefix = "newsletters/lists"
    url_namespace = "newsletters_lists"
    icon = "list-ul"
    menu_label = _("Lists")
    list_display = ["name", "locale", "kind", "subscriber_count", "public"]
    list_filter = ["locale", "kind"]
    panels = [
        FieldRowPanel([FieldPanel("locale"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldPanel("page"),
        FieldRowPanel([FieldPanel("public"), FieldPanel("sort_order")]),
    ]


class NoAdding(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Subscriber, NoAdding(Subscriber))


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    url_prefix = "newsletters/subscribers"
    url_namespace = "newsletters_subscribers"
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "language", "created_at", "suppressed_at"]
    list_filter = ["language"]
    search_fields = ["email"]
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("suppressed_at"), FieldPanel("suppressed_reason")]),
    ]


class NewslettersGroup(ModelViewSetGroup):
    menu_label = _("Newsletters")
    menu_icon = "mail"
    menu_order = 250
    items = (MailingListViewSet, SubscriberViewSet)

    def get_submenu_items(self):
        mailings = MenuItem(_("Mailings"), reverse("newsletters_admin:mailings"), icon_name="mail", order=10)
        return [mailings, *super().get_submenu_items()]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewslettersGroup()


@hooks.register("register_admin_urls")
def register_urls():
    from . import admin_views  # with the mail's sending (SMTP): only where the admin's addresses load

    urls = [
        path("mailings/", admin_views.mailings, name="mailings"),
        path("mailings/<int:pk>/", admin_views.mailing, name="mailing"),
        path("mailings/<int:pk>/resume/", admin_views.resume, name="resume"),
        path("mailings/<int:pk>/cancel/", admin_views.cancel, name="cancel"),
        path("send/<int:page_id>/", admin_views.SendIssueView.as_view(), name="send"),
    ]
    return [path("newsletters/", include((urls, "newsletters_admin")))]


class SendToSubscribers(PageMenuItem):
    label = _("Send to subscribers")
    icon_name = "mail"
    url_name = "newsletters_admin:send"

    def is_shown(self, user):
        page = self.page.specific_deferred
        return (
            page.live
            and getattr(page, "periodical", None) is not None
            and self.page.permissions_for_user(user).can_publish()
        )


@hooks.register("register_page_header_buttons")
def send_button(page, user, view_name, next_url=None):
    yield SendToSubscribers(page=page, priority=55)


@hooks.register("register_page_listing_more_buttons")
def send_listing_button(page, user, next_url=None):
    yield SendToSubscribers(page=page, priority=45)
