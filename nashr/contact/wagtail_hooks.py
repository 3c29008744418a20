from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactMessage
from .panels import add_waiting_panel


class ContactMessageViewSet(SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["subject", "name", "email", "language", "created_at", "handled"]
    list_filter = ["handled", "language"]
    search_fields = ["subject", "name", "email", "message"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("handled"),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("subject", read_only=True),
        FieldPanel("message", read_only=True),
    ]


register_snippet(ContactMessageViewSet)
hooks.register("construct_homepage_panels", add_waiting_panel)  # comments and contact messages that wait
