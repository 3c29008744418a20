"""Mirrors in the admin (Settings → Mirrors, for staff with the mirror permissions), and the hooks through
which they join the publishing pipeline and other channels."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from nashr.caching.store import edition_codes

from . import announce
from .forms import MirrorForm
from .models import EditionStamp, Mirror


class MirrorViewSet(ModelViewSet):
    model = Mirror
    icon = "site"
    menu_label = _("Mirrors")
    add_to_settings_menu = True
    url_prefix = "mirrors"
    url_namespace = "mirrors"
    list_display = ["name", "kind", "public_url", "status", "last_success_at", "checked_at"]
    list_filter = ["kind", "enabled", "health"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "kind",
        "public_url",
        "editions",
        "health",
        "health_detail",
        "checked_at",
        "last_success_at",
        "last_error_at",
        "last_error",
        "pending",
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("enabled")]),
            FieldPanel("public_url"),
            FieldPanel("editions"),
            MultiFieldPanel(
                [
                    FieldPanel("endpoint_url"),
                    FieldRowPanel([FieldPanel("bucket"), FieldPanel("region"), FieldPanel("prefix")]),
                    FieldRowPanel([FieldPanel("access_key"), FieldPanel("secret_key")]),
                ],
                heading=_("Object storage"),
            ),
            MultiFieldPanel([FieldPanel("folder")], heading=_("Folder")),
        ],
        base_form_class=MirrorForm,
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return MirrorViewSet("mirrors")


@hooks.register("nashr_static_outputs")
def mirror_outputs():
    from . import push  # the buckets' and folders' writers: for the static task, not a web worker

    return push.outputs()


@hooks.register("nashr_static_paths")
def mirror_listings():
    return announce.listing_paths()


@hooks.register("nashr_mirror_urls")
def mirror_urls(page):
    return announce.mirror_urls(page)


@hooks.register("nashr_worker_jobs")  # nashr/worker/schedule.py: a thread of the worker
def mirror_checks():
    from . import health  # the worker's checks of the mirrors' public addresses

    return settings.NASHR_MIRROR_CHECK_INTERVAL, health.check_on_schedule, "mirror checks"


@hooks.register("nashr_changed")
def stamp_editions(editions, paths, gone, pages):
    """The editions a change touched have changed now: their homes carry the new stamp (health.py). Called
    before the worker is asked to render them (publishing/signals.py)."""
    EditionStamp.bump(edition_codes() if editions is None else editions)
