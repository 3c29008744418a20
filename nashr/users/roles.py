"""Roles per edition: editor, translator, reviewer and comment moderator of one edition.

Each role in each edition is a Wagtail group ("Persian (fa) · translators") marked by an `EditionRole`, with
- page permissions on the edition's home page (so on its whole tree, nothing of another edition's),
- model permissions that `users/permissions.py` limits to the edition (authors, categories, menus, comments,
  the Telegram channel),
- collection permissions on the edition's collection of images and documents,
- for editors and reviewers, the approval task of the edition's workflow ("Persian (fa) review").

`set_up()` makes or updates all of it for every locale and is safe to run again (`manage.py set_up_roles`,
also run by `load_demo`); a new edition gets its groups on the next run. Giving someone a role is adding
them to the group in Settings → Users, or `manage.py set_up_roles --grant USER ROLE EDITION`.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import get_language_info
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import EditionRole

ADMIN = ["wagtailadmin.access_admin"]
TRANSLATE = ["wagtail_localize.submit_translation"]
SNIPPETS = [f"{app}.{action}_{model}" for app, model in [("people", "person"), ("articles", "category"),
            ("navigation", "navigation")] for action in ("add", "change", "delete")]  # fmt: skip
CHANNELS = [f"telegram.{action}_telegramchannel" for action in ("add", "change", "delete", "view")]
MEDIA_ALL = ("add", "change", "choose", "delete")


@dataclass(frozen=True)
class RoleSpec:
    plural: str  # the group name's last word
    pages: tuple = ()  # wagtailcore codenames granted on the edition's home page
    models: tuple = ()  # "app_label.codename", limited to the edition by the permission policy
    media: tuple = ()  # actions on images and documents of the edition's collection
    approves: bool = False  # a member of the edition's review task


ROLES = {
    EditionRole.Role.EDITOR: RoleSpec(
        "editors",
        pages=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        models=(*ADMIN, *TRANSLATE, *SNIPPETS, *CHANNELS),
        media=MEDIA_ALL,
        approves=True,
    ),
    EditionRole.Role.TRANSLATOR: RoleSpec(
        "translators",
        pages=("add_page", "change_page"),
        models=(*ADMIN, *TRANSLATE, "people.change_person", "articles.change_category"),
        media=("choose",),
    ),
    EditionRole.Role.REVIEWER: RoleSpec(
        "reviewers",
        pages=("change_page", "publish_page", "lock_page", "unlock_page"),
        models=tuple(ADMIN),
        media=("choose",),
        approves=True,
    ),
    EditionRole.Role.MODERATOR: RoleSpec(
        "comment moderators", models=(*ADMIN, "comments.change_comment", "comments.delete_comment")
    ),
}


def check_role(role):
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}: one of {', '.join(ROLES)}.")
    return role


def holders(role, locale_code):
    """Active users holding `role` in the edition `locale_code` (superusers not included)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_superuser=False,
            groups__edition_role__role=check_role(role),
            groups__edition_role__locale__language_code=locale_code,
        )
        .distinct()
    )


def editions_of(user, role):
    """The language codes of the editions where `user` holds `role`; every edition for a superuser."""
    check_role(role)
    if not user.is_active or user.is_anonymous:
        return set()
    if user.is_superuser:
        return set(Locale.objects.values_list("language_code", flat=True))
    roles = EditionRole.objects.filter(group__user=user, role=role)
    return set(roles.values_list("locale__language_code", flat=True))


def edition_label(locale):
    code = locale.language_code
    try:
        return f"{get_language_info(code)['name']} ({code})"
    except KeyError:
        return code


def edition_home(locale):
    """The edition's home: the site root's translation, else its top page; None before it has one."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        home = Page.objects.filter(translation_key=site.root_page.translation_key, locale=locale).first()
        if home is not None:
            return home
    return Page.objects.filter(locale=locale, depth__gt=1).order_by("depth", "path").first()


def grant(user, role, locale_code):
    """Adds `user` to the group of `role` in the edition; returns the group."""
    group = EditionRole.objects.get(role=check_role(role), locale__language_code=locale_code).group
    user.groups.add(group)
    return group


def revoke(user, role, locale_code):
    group = EditionRole.objects.get(role=check_role(role), locale__language_code=locale_code).group
    user.groups.remove(group)
    return group


@transaction.atomic
def set_up(locales=None):
    """Makes or updates every role of every edition; returns a line per edition saying what it has."""
    report = []
    for locale in locales or Locale.objects.order_by("pk"):
        report.append(_set_up_edition(locale))
    return report


def _set_up_edition(locale):
    label = edition_label(locale)
    home = edition_home(locale)
    collection = _edition_collection(label)
    groups = {}
    for role, spec in ROLES.items():
        group = _role_group(locale, role, f"{label} · {spec.plural}")
        group.permissions.set(_permissions(spec.models))
        _set_page_permissions(group, home, spec.pages)
        _set_collection_permissions(group, collection, spec.media)
        groups[role] = group
    workflow = _set_review(label, home, [groups[r] for r, spec in ROLES.items() if spec.approves])
    pages = f"pages under '{home.title}'" if home else "no home page yet: run again once it exists"
    review = f", review by workflow '{workflow.name}'" if workflow else ""
    return f"{label}: {len(groups)} groups, {pages}, collection '{collection.name}'{review}"


def _role_group(locale, role, name):
    marker = EditionRole.objects.filter(locale=locale, role=role).select_related("group").first()
    if marker:
        return marker.group  # an administrator may have renamed it: keep their name
    group, _created = Group.objects.get_or_create(name=name)
    EditionRole.objects.create(group=group, locale=locale, role=role)
    return group


def _permissions(names):
    permissions = []
    for name in names:
        app_label, codename = name.split(".")
        permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return permissions


def _set_page_permissions(group, home, codenames):
    if home is None:
        return
    wanted = set(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))
    current = GroupPagePermission.objects.filter(group=group, page=home)
    current.exclude(permission__in=wanted).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


def _edition_collection(label):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=label).first()
    return existing or root.add_child(name=label)


def _set_collection_permissions(group, collection, actions):
    wanted = set()
    for model in (Image, Document):  # Wagtail checks the base models' permissions, whatever the custom model
        content_type = ContentType.objects.get_for_model(model)
        codenames = [f"{action}_{model._meta.model_name}" for action in actions]
        wanted |= set(Permission.objects.filter(content_type=content_type, codename__in=codenames))
    current = GroupCollectionPermission.objects.filter(group=group, collection=collection)
    current.exclude(permission__in=wanted).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def _set_review(label, home, groups):
    """The edition's workflow: one approval task for its editors and reviewers, on its home page.

    A home page that an administrator gave another workflow keeps it.
    """
    name = f"{label} review"
    task = GroupApprovalTask.objects.filter(name=name).first() or GroupApprovalTask.objects.create(name=name)
    task.groups.add(*groups)
    workflow, _created = Workflow.objects.get_or_create(name=name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    if home is None:
        return None
    assigned, _created = WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return assigned.workflow
