from wagtail import hooks
from wagtail.snippets.models import register_snippet

from nashr.users.permissions import EditionSnippetViewSet

from .models import Navigation


class NavigationViewSet(EditionSnippetViewSet):
    model = Navigation
    icon = "list-ul"
    add_to_settings_menu = True


register_snippet(NavigationViewSet)


@hooks.register("nashr_mail_context")  # nashr/mail/render.py: every mail names the edition's publication
def mail_site_name(language):
    navigation = Navigation.for_language(language)
    return {"site_name": navigation.site_name} if navigation else {}
