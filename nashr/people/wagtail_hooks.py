from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from nashr.users.permissions import EditionSnippetViewSet

from .models import Person


class PersonViewSet(EditionSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Authors and translators")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


register_snippet(PersonViewSet)
