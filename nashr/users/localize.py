"""wagtail-localize's translation views, kept inside the editions of the person using them.

wagtail-localize checks one model-wide permission (`wagtail_localize.submit_translation`) and, for a
snippet's translation, the model's change permission. With roles per edition (`users/roles.py`):

- **Translate** offers only the locales where the user may submit translations, so a Persian translator
  cannot start an Arabic translation;
- **Sync translated pages** rewrites what every translation of the source is made from, so it needs that
  permission in each of their editions;
- the translation editor's own addresses (strings, overrides, machine translation) ask the snippet's
  permission policy about the instance, as the snippet's edit view does.

`install()` is called by `UsersConfig.ready()`.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views import edit_translation, submit_translations, update_translations

from .permissions import locale_ids_for

SUBMIT = "wagtail_localize.submit_translation"

_page_or_snippet_check = edit_translation.user_can_edit_instance
_submit_form = submit_translations.SubmitTranslationView.get_form
_update_dispatch = update_translations.UpdateTranslationsView.dispatch


def user_can_edit_instance(user, instance):
    if isinstance(instance, Page):
        return _page_or_snippet_check(user, instance)
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_any_permission_for_instance(user, ["add", "change", "delete"], instance)


def submit_form_in_own_editions(view):
    form = _submit_form(view)
    allowed = locale_ids_for(view.request.user, SUBMIT)
    if allowed is not None:
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=allowed)
    return form


def sync_in_own_editions(view, request, *args, **kwargs):
    allowed = locale_ids_for(request.user, SUBMIT)
    if allowed is not None:
        source = view.get_object()
        locale_ids = set(source.translations.filter(enabled=True).values_list("target_locale_id", flat=True))
        if not locale_ids <= allowed:
            raise PermissionDenied
    return _update_dispatch(view, request, *args, **kwargs)


def install():
    edit_translation.user_can_edit_instance = user_can_edit_instance
    submit_translations.SubmitTranslationView.get_form = submit_form_in_own_editions
    update_translations.UpdateTranslationsView.dispatch = sync_in_own_editions
