"""Who hears about readers' comments, and what they are told; contact messages reach the same moderators
(nashr/contact/notify.py).

- Moderators of an edition get one mail listing what waits, at most one per edition every
  NASHR_MODERATION_MAIL_DELAY seconds: the first waiting comment schedules the mail on the worker, later
  ones before it goes out join it (`comment_waiting`, tasks.mail_moderators).
- A writer who ticked "tell me" hears once when their comment is published and once when a reply to it is
  published (tasks.announce_comment). The notice links to the article; it carries no other reader's
  name, address or words.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend
from wagtail.models import Locale

from nashr.mail import as_email, render_message
from nashr.users.permissions import locale_ids_for

SCHEDULED_KEY = "nashr:moderation-mail:{code}"
LISTED = 20  # waiting comments named in one mail; the rest are counted


def moderators_of(language_code):
    """The people who moderate the edition `language_code`: active users with an e-mail address who may
    change its comments — a moderator of that edition (nashr.users.roles), anyone granted the permission
    for every edition (directly or through a group that is no edition's role), and superusers.
    """
    may_moderate = Q(
        user_permissions__codename="change_comment", user_permissions__content_type__app_label="comments"
    )
    may_moderate |= Q(
        groups__permissions__codename="change_comment",
        groups__permissions__content_type__app_label="comments",
    )
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    candidates = users.filter(may_moderate | Q(is_superuser=True)).distinct().order_by("pk")
    locale_id = Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
    return [user for user in candidates if _moderates(user, locale_id)]


def _moderates(user, locale_id):
    allowed = locale_ids_for(user, "comments.change_comment")
    return allowed is None or locale_id in allowed


def edition_of(comment):
    return comment.page.locale.language_code


def comment_waiting(comment):
    """A comment waits for moderation: make sure a mail to its edition's moderators is on its way."""
    from .tasks import mail_moderators

    code = edition_of(comment)
    delay = settings.NASHR_MODERATION_MAIL_DELAY
    if not cache.add(SCHEDULED_KEY.format(code=code), True, timeout=delay + 300):
        return  # one is already scheduled: this comment will be in it
    task = mail_moderators
    if default_task_backend.supports_defer and delay:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    task.enqueue(code)


def send(rendered, recipients):
    for address in recipients:  # one message each: moderators do not see each other's addresses
        as_email(rendered, [address]).send()
    return len(recipients)


def admin_url(model, view, *args):
    """The absolute address of `model`'s snippet `view` ("list", "inspect") in the admin."""
    name = model.snippet_viewset.get_url_name(view)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def waiting_mail(code, comments, total):
    """The mail listing what waits in edition `code` (the first LISTED of `total`)."""
    lines = [f"{c.page.title}: {c.name} — {' '.join(c.body.split())[:140]}" for c in comments]
    if total > len(comments):
        lines.append(_("… and %(count)s more.") % {"count": total - len(comments)})
    return render_message(
        "notice",
        {
            "subject": _("%(count)s comments wait for moderation") % {"count": total},
            "heading": _("Comments wait for moderation"),
            "paragraphs": lines,
            "action_url": admin_url(comments[0].__class__, "list") + "?status=pending",
            "action_label": _("Moderate comments"),
        },
        language=code,
    )


def writer_notice(comment, *, answered):
    """What the writer of `comment` is told: it is published, or (`answered`) a reply to it is."""
    code = edition_of(comment)
    title = comment.page.title
    if answered:
        subject = _("Your comment has an answer")
        text = _("A reply to your comment on “%(title)s” is published.") % {"title": title}
    else:
        subject = _("Your comment is published")
        text = _("Your comment on “%(title)s” is published.") % {"title": title}
    return render_message(
        "notice",
        {
            "subject": subject,
            "heading": subject,
            "paragraphs": [
                text,
                _("You asked to be told by e-mail. Your address is used for nothing else."),
            ],
            "action_url": f"{comment.page.url}#comment-{comment.pk}",
            "action_label": _("Read it"),
        },
        language=code,
    )
