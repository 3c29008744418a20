from wagtail.snippets.models import register_snippet

from nashr.users.permissions import EditionSnippetViewSet

from .models import Navigation


class NavigationViewSet(EditionSnippetViewSet):
    model = Navigation
    icon = "list-ul"
    add_to_settings_menu = True


register_snippet(NavigationViewSet)
