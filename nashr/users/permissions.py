"""Snippet permissions that stop at the edition's border.

Django's model permissions (`people.change_person`) cover every row of a model. A group marked with an
`EditionRole` grants them for its edition only: `EditionPermissionPolicy` answers Wagtail's questions
about one instance (edit, delete, copy, history, bulk actions) and about the listing from the instance's
locale. A permission held through a group without an EditionRole, or given to the user directly, keeps
its usual meaning: every edition.

`EditionSnippetViewSet` uses the policy for a snippet's admin views and, because several of Wagtail's
per-object views (history, usage, revisions, lock) check only the model permission, also guards every
address that names an object, and the "add" view's locale.
"""

from django.contrib.admin.utils import unquote
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import URLPattern
from django.utils.functional import cached_property
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import EditionRole

ANY = ("add", "change", "delete", "view", "publish", "lock", "unlock")


def locale_ids_for(user, permission):
    """The ids of the locales where `user` holds `permission` ("app_label.codename"), or None for all.

    Kept on the user object for the request, as Django keeps its own permission cache there.
    """
    if not user.is_active or user.is_anonymous:
        return set()
    if user.is_superuser:
        return None
    cache = user.__dict__.setdefault("_edition_scopes", {})
    if permission not in cache:
        cache[permission] = _locale_ids_for(user, permission)
    return cache[permission]


def _locale_ids_for(user, permission):
    if not user.has_perm(permission):
        return set()
    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    if user.user_permissions.filter(pk__in=granted).exists():
        return None
    groups = Group.objects.filter(user=user, permissions__in=granted)
    if groups.filter(edition_role__isnull=True).exists():
        return None
    return set(EditionRole.objects.filter(group__in=groups).values_list("locale_id", flat=True))


class EditionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions limited to the editions whose groups grant them.

    `locale_path` leads from an instance to its locale: "locale" for translatable snippets,
    "page__locale" for comments.
    """

    def __init__(self, model, locale_path="locale"):
        super().__init__(model)
        self.locale_path = locale_path

    def locale_ids(self, user, action):
        return locale_ids_for(user, self._get_permission_name(action))

    def locale_id_of(self, instance):
        *steps, last = self.locale_path.split("__")
        for step in steps:
            instance = getattr(instance, step)
        return getattr(instance, f"{last}_id")

    def user_has_permission_for_instance(self, user, action, instance):
        allowed = self.locale_ids(user, action)
        return allowed is None or self.locale_id_of(instance) in allowed

    def instances_user_has_any_permission_for(self, user, actions):
        everywhere, locale_ids = False, set()
        for action in actions:
            allowed = self.locale_ids(user, action)
            if allowed is None:
                everywhere = True
                break
            locale_ids |= allowed
        queryset = self.model._default_manager.all()
        return queryset if everywhere else queryset.filter(**{f"{self.locale_path}__in": locale_ids})


def edition_policy(model, locale_path="locale"):
    """The model's EditionPermissionPolicy, registered with Wagtail the first time it is asked for."""
    policy = policy_registry.get_by_type(model, fallback=False)
    if not isinstance(policy, EditionPermissionPolicy):
        policy = EditionPermissionPolicy(model, locale_path)
        register_permission_policy(model, policy, exact_class=True)
    return policy


class EditionIndexView(IndexView):
    """The listing shows only what the user may work on."""

    def get_base_queryset(self):
        reachable = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ANY)
        return super().get_base_queryset().filter(pk__in=reachable.values("pk"))


class EditionSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet whose views stay inside the editions the user works on."""

    edition_locale_path = "locale"
    index_view_class = EditionIndexView

    @cached_property
    def permission_policy(self):
        return edition_policy(self.model, self.edition_locale_path)

    def register_permissions(self):
        edition_policy(self.model, self.edition_locale_path)  # before Wagtail registers a model-wide one
        super().register_permissions()

    def get_urlpatterns(self):
        return [self.guard(pattern) for pattern in super().get_urlpatterns()]

    def guard(self, pattern):
        if not isinstance(pattern, URLPattern):
            return pattern
        if "pk" in pattern.pattern.converters:
            view = self.object_guard(pattern.callback)
        elif pattern.name == "add":
            view = self.add_guard(pattern.callback)
        else:
            return pattern
        return URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)

    def object_guard(self, view):
        """An object outside the user's editions is refused, whatever the address does with it.

        Wagtail's admin answers PermissionDenied with its "no permission" message and the dashboard.
        """
        policy = self.permission_policy

        def guarded(request, *args, pk, **kwargs):
            instance = self.model._default_manager.filter(pk=unquote(str(pk))).first()
            if instance is not None and not policy.user_has_any_permission_for_instance(
                request.user, ANY, instance
            ):
                raise PermissionDenied
            return view(request, *args, pk=pk, **kwargs)

        return guarded

    def add_guard(self, view):
        """A new translatable snippet goes in an edition the user may add to (their first, if not given)."""
        policy = self.permission_policy
        translatable = self.edition_locale_path == "locale" and hasattr(self.model, "locale")

        def guarded(request, *args, **kwargs):
            allowed = policy.locale_ids(request.user, "add")
            if not translatable or allowed is None:
                return view(request, *args, **kwargs)
            code = request.GET.get("locale")
            locales = Locale.objects.filter(pk__in=allowed).order_by("language_code")
            if code is None and locales:
                query = request.GET.copy()
                query["locale"] = locales[0].language_code
                return redirect(f"{request.path}?{query.urlencode()}")
            if not locales.filter(language_code=code).exists():
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded
