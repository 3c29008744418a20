from wagtail.snippets.models import register_snippet

from nashr.users.permissions import EditionSnippetViewSet

from .models import Category


class CategoryViewSet(EditionSnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


register_snippet(CategoryViewSet)
