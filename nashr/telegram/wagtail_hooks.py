"""Telegram channels in the admin (Settings → Telegram channels), one per edition, for those who may change
that edition's channel (its editors; users/roles.py); and the posts following what the newsroom changes
(the publishing pipeline's `nashr_changed` hook, publishing/dependencies.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from nashr.core.models import PostPage
from nashr.users.permissions import EditionSnippetViewSet, edition_policy

from .forms import TelegramChannelForm
from .models import TelegramChannel, TelegramPost
from .panels import StatusPanel


class TelegramChannelViewSet(EditionSnippetViewSet):
    model = TelegramChannel
    icon = "mail"
    menu_label = _("Telegram channels")
    add_to_settings_menu = True
    list_display = ["chat", "locale", "active", "sent_count", "last_error_at"]
    copy_view_enabled = False
    inspect_view_enabled = False

    edit_handler = ObjectList(
        [FieldPanel("locale"), FieldPanel("chat"), FieldPanel("token"), FieldPanel("active"), StatusPanel()],
        base_form_class=TelegramChannelForm,
    )


register_snippet(TelegramChannelViewSet)


@hooks.register("register_admin_urls")
def register_urls():
    from . import admin_views  # where the admin's addresses load, not in a reader's web worker

    urls = [path("<int:pk>/test/", admin_views.test_message, name="test")]
    return [path("telegram/", include((urls, "telegram_admin")))]


@hooks.register("register_snippet_listing_buttons")
def test_button(snippet, user, next_url=None):
    if isinstance(snippet, TelegramChannel) and edition_policy(
        TelegramChannel
    ).user_has_permission_for_instance(user, "change", snippet):
        yield ListingButton(
            _("Send a test message"), reverse("telegram_admin:test", args=[snippet.pk]), priority=50
        )


@hooks.register("nashr_changed")
def follow_change(editions, paths, gone, pages):
    """Publish, update, unpublish, privacy, move and delete (publishing/signals.py, once the change has
    committed): the worker brings the posts of the pieces among `pages` in line (tasks.py), and takes down
    those of pages that are no pieces any more. Nothing is asked while no channel is connected."""
    if not pages or not TelegramChannel.objects.exists():
        return
    pieces = PostPage.objects.filter(pk__in=pages).values_list("pk", flat=True)
    posted = TelegramPost.objects.filter(page_id__in=pages).values_list("page_id", flat=True)
    wanted = {*pieces, *posted}
    from .tasks import request_sync  # the Bot API's client: only once a channel is connected

    request_sync([pk for pk in pages if pk in wanted])
