"""Make a page's channel post match the page: post it, edit it, or take it down.

`sync(page_id)` is all the worker does for a page, whatever happened to it: it reads what the page is now
(live, public, a post type, in an edition with a channel) and what was sent for it (`TelegramPost`), and
closes the gap with as few Bot API calls as it takes. Running it twice does nothing the second time, so a
retry after a failure is safe, and so is a burst of saves (one lock per page, held in the shared cache).
"""

import logging
import time
from html import escape

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from nashr.core.models import PostPage
from nashr.editions.editions import get_edition

from . import advice
from .botapi import BotAPI, TelegramError
from .message import compose, retraction
from .models import TelegramChannel, TelegramPost

logger = logging.getLogger("nashr.telegram")
LOCK_SECONDS = 120


class Retry(Exception):
    """A transient failure: the task runs again later. `after`: seconds Telegram asked us to wait."""

    def __init__(self, message, after=None):
        super().__init__(message)
        self.after = after


def wanted_page(page_id):
    """The page as it should appear in a channel, or None: not live, not public, deleted, or no post."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return None
    page = page.specific
    if not isinstance(page, PostPage) or page.get_view_restrictions().exists():
        return None
    return page


def sync(page_id, last_attempt=True):
    """Bring every channel post of the page in line; raises Retry after a transient failure (recorded as
    a retry to come, or as a failure if `last_attempt`)."""
    key = f"nashr:telegram:page:{page_id}"
    deadline = time.monotonic() + LOCK_SECONDS
    while not cache.add(key, 1, LOCK_SECONDS):
        if time.monotonic() > deadline:
            raise Retry(f"page {page_id} is being sent by another process")
        time.sleep(0.1)
    try:
        _sync(page_id, last_attempt)
    finally:
        cache.delete(key)


def _sync(page_id, last_attempt):
    page = wanted_page(page_id)
    posts = {post.channel_id: post for post in TelegramPost.objects.filter(page_id=page_id)}
    channel = None
    if page is not None:
        channel = TelegramChannel.objects.filter(locale_id=page.locale_id).select_related("locale").first()
    retry = None
    for post in posts.values():
        if channel is None or post.channel_id != channel.pk:
            retry = _guarded(post.channel, post, last_attempt, lambda p=post: retract(p)) or retry
    if channel is not None and _should_post(channel, page, posts.get(channel.pk)):
        post = posts.get(channel.pk) or TelegramPost(channel=channel, page_id=page_id)
        post.title = page.title[:255]
        retry = _guarded(channel, post, last_attempt, lambda: deliver(post, page)) or retry
    if retry is not None:
        raise retry


def _should_post(channel, page, post):
    if post is not None and post.message_id and post.state != TelegramPost.State.DELETED:
        return True  # sent before: an update reaches it, even with posting switched off
    if not channel.active:
        return False
    # A piece first published before the channel was connected is not posted when it is next updated.
    return page.first_published_at is None or page.first_published_at >= channel.connected_at


def _guarded(channel, post, last_attempt, action):
    """Run `action`; record what went wrong on the post and the channel. Returns a Retry to raise, or None.
    What is recorded is in the site's language (LANGUAGE_CODE), whichever process, request or page's
    edition was active when the piece was synced."""
    with translation.override(settings.LANGUAGE_CODE):
        return _recorded(channel, post, last_attempt, action)


def _recorded(channel, post, last_attempt, action):
    try:
        action()
        return None
    except TelegramError as error:
        permanent = not error.transient or last_attempt
        note = advice.for_error(error, given_up=error.transient and last_attempt)
        post.state = TelegramPost.State.FAILED if permanent else TelegramPost.State.RETRYING
        post.error = note
        post.save()
        channel.record_error(f"{post.title}: {note}")
        logger.warning("Telegram %s, page %s: %s", channel.chat, post.page_id, error)
        return None if permanent else Retry(str(error), error.retry_after)
    except advice.NoToken as error:
        post.state, post.error = TelegramPost.State.FAILED, str(error)
        post.save()
        channel.record_error(str(error))
        return None


def _api(channel):
    token = channel.token
    if not token:
        raise advice.NoToken(_("The bot token cannot be read: enter it again in the channel's settings."))
    return BotAPI(token)


def deliver(post, page):
    """Send the page's message, or edit the one sent, or replace it if it changed kind."""
    channel = post.channel
    message = compose(page, channel.locale.language_code)
    # A message in the channel, even one whose last edit failed or that reads as a retraction: edit it.
    sent = bool(post.message_id) and post.state != TelegramPost.State.DELETED
    if sent and post.fingerprint == message.fingerprint:
        if post.state != TelegramPost.State.POSTED:
            post.state, post.error = TelegramPost.State.POSTED, ""
            post.save()
        return
    api = _api(channel)
    if sent and post.kind == message.kind:
        try:
            _edit(api, channel, post, message)
        except TelegramError as error:
            if not error.mentions("message to edit not found"):
                raise
            sent = False  # removed by hand in the channel: post it again
    elif sent:
        _take_down(api, channel, post)  # text to photo or back: a message cannot change kind
        sent = False
    if not sent:
        result = _send(api, channel, message)
        post.message_id, post.sent_at = result["message_id"], timezone.now()
        channel.record_sent()
    post.kind, post.fingerprint, post.image_key = message.kind, message.fingerprint, message.image_key
    post.state, post.error = TelegramPost.State.POSTED, ""
    post.save()


def _send(api, channel, message):
    if message.kind == "photo":
        return api.send_photo(channel.chat, message.photo(), message.text)
    return api.send_message(channel.chat, message.text, preview_url=message.url)


def _edit(api, channel, post, message):
    try:
        if message.kind == "text":
            api.edit_text(channel.chat, post.message_id, message.text, preview_url=message.url)
        elif post.image_key != message.image_key:
            api.edit_photo(channel.chat, post.message_id, message.photo(), message.text)
        else:
            api.edit_caption(channel.chat, post.message_id, message.text)
    except TelegramError as error:
        if not error.mentions("message is not modified"):
            raise


def retract(post):
    """Delete the post's message; where Telegram refuses, replace its text with a retraction notice."""
    channel = post.channel
    if not post.message_id or post.state in (TelegramPost.State.DELETED, TelegramPost.State.RETRACTED):
        if post.state != TelegramPost.State.RETRACTED:
            post.state, post.error = TelegramPost.State.DELETED, ""
            post.save()
        return
    api = _api(channel)
    post.state, post.error = _take_down(api, channel, post), ""
    if post.state == TelegramPost.State.RETRACTED:
        post.error, post.fingerprint = advice.RETRACTED, ""  # a republish edits the notice back
        channel.record_error(f"{post.title}: {advice.RETRACTED}")
    post.save()


def _take_down(api, channel, post):
    """Delete the message; returns the state it leaves (DELETED, or RETRACTED when only an edit was let)."""
    try:
        api.delete_message(channel.chat, post.message_id)
    except TelegramError as error:
        if error.mentions("message to delete not found"):
            return TelegramPost.State.DELETED  # already gone
        if not error.mentions("message can't be deleted", "message can not be deleted"):
            raise
        notice = retraction(channel.locale.language_code)
        try:
            if post.kind == TelegramPost.Kind.PHOTO:
                api.edit_caption(channel.chat, post.message_id, notice)
            else:
                api.edit_text(channel.chat, post.message_id, notice)
        except TelegramError as edit_error:
            if not edit_error.mentions("message is not modified"):
                raise
        return TelegramPost.State.RETRACTED
    return TelegramPost.State.DELETED


def send_test(channel):
    """Check the token (getMe) and post a short message in the channel; returns None or what to do."""
    try:
        api = _api(channel)
        bot = api.get_me()
        with translation.override(channel.locale.language_code):
            text = _("Test message from %(site)s: this channel is connected to the %(edition)s edition.") % {
                "site": settings.WAGTAIL_SITE_NAME,
                "edition": get_edition(channel.locale.language_code).name,
            }
        api.send_message(channel.chat, escape(text, quote=False))
    except advice.NoToken as error:
        return str(error)
    except TelegramError as error:
        note = advice.for_error(error)
        channel.record_error(note)
        return note
    TelegramChannel.objects.filter(pk=channel.pk).update(bot_username=bot.get("username", ""), last_error="")
    return None
