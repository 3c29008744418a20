from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from nashr.accounts import audit


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    return {
        "url": reverse("accounts:setup"),
        "label": _("Two-step verification"),
        "help_text": _("Your passkeys, authenticator apps and recovery codes."),
    }


@hooks.register("register_user_listing_buttons")
def revoke_button(user, request_user):
    if request_user.has_perm("users.change_user") and (request_user.is_superuser or not user.is_superuser):
        yield Button(
            _("Revoke sign-in"), reverse("accounts:revoke", args=[user.pk]), icon_name="key", priority=90
        )


@hooks.register("insert_global_admin_js")
def admin_init_script():
    """Starts what Wagtail's templates started inline (nashr/static/js/admin_init.js): the admin's CSP."""
    return format_html(
        '<script src="{}" data-image-chooser="{}" data-document-chooser="{}" data-page-chooser="{}">'
        "</script>",
        static("js/admin_init.js"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
    )


@hooks.register("register_log_actions")
def sign_in_log_actions(actions):
    for action, formatter in audit.FORMATTERS.items():
        actions.register_action(action)(formatter)


class LocksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("users.change_user")


@hooks.register("register_settings_menu_item")
def locks_menu_item():
    return LocksMenuItem(_("Sign-in locks"), reverse("signin_locks"), icon_name="lock", order=610)
