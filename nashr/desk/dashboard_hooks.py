"""The translation desk in the admin: Reports → Translation desk, and its summary on the admin home."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

# The dashboard's counts and views are imported by the hooks that show them: every process loads the hooks,
# only the admin's requests need what they show.


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        from .dashboard_views import may_use_desk

        return may_use_desk(request.user)


class DeskSummaryPanel(Component):
    name = "translation_desk"
    order = 95
    template_name = "desk/home_panel.html"

    def get_context_data(self, parent_context):
        from .dashboard import summary

        source = Locale.get_default()
        locales = list(Locale.objects.exclude(pk=source.pk).order_by("pk"))
        counts = summary(source, locales)
        return {
            "source": source,
            "rows": [(loc, counts[loc]) for loc in locales],
            "url": reverse("desk_dashboard"),
        }


@hooks.register("register_admin_urls")
def desk_urls():
    from .dashboard_views import dashboard

    return [path("translation-desk/", dashboard, name="desk_dashboard")]


@hooks.register("register_reports_menu_item")
def desk_menu_item():
    return DeskMenuItem(_("Translation desk"), reverse("desk_dashboard"), icon_name="site", order=8900)


@hooks.register("construct_homepage_panels")
def desk_summary_panel(request, panels):
    from .dashboard_views import may_use_desk

    if may_use_desk(request.user):
        panels.append(DeskSummaryPanel())
