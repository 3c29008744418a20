"""Readers' side: sign up, confirm, manage one's lists, leave a list (one click, RFC 8058).

Every answer here is private (`Cache-Control: private`) and under /<edition>/subscriptions/, which the page
cache never keeps. The signup form sits on cached pages, so it carries no token and is checked like the
other readers' forms (decision 0005: Origin, honeypot, rate limit). The other forms act on a signed link
alone: whoever holds the link may use it, as the RFC's one-click POST requires.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from nashr.core import ratelimit
from nashr.core.forms import same_origin

from . import tokens
from .forms import ManageForm, SignupForm
from .models import MailingList, Subscriber, Subscription, subscribe

TEMPLATE = "newsletters/subscriptions_page.html"


def _page(request, step, status=200, **context):
    response = TemplateResponse(request, TEMPLATE, {"step": step, **context}, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


@csrf_exempt  # no per-visitor token, so pages holding the form can be cached: see core.forms.same_origin
@require_http_methods(["GET", "POST"])
def signup(request):
    language = translation.get_language()
    lists = MailingList.objects.offered(language)
    if request.method == "GET":
        return _page(request, "signup", form=SignupForm(lists=lists))
    if not same_origin(request):
        return HttpResponseForbidden()
    form = SignupForm(request.POST, lists=lists)
    if not ratelimit.allow(request, "signup", *settings.NASHR_FORM_RATE["signup"]):
        form.add_error(None, form.rate_limited_message)
        return _page(request, "signup", 429, form=form)
    if not form.is_valid():
        return _page(request, "signup", 400, form=form)
    chosen = list(form.cleaned_data["lists"])
    subscriber, _found = subscribe(
        form.cleaned_data["email"], chosen, name=form.cleaned_data["name"], language=language
    )
    from .tasks import send_confirmation

    ids = [m.pk for m in chosen]
    transaction.on_commit(lambda: send_confirmation.enqueue(subscriber.pk, ids, language))
    return redirect("newsletters:sent")


def sent(request):
    return _page(request, "sent")


def _subscriber(key):
    return Subscriber.objects.filter(key=key).first()


@csrf_exempt  # the signed link is the authority
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        key, list_ids = tokens.read_confirm_token(token)
    except signing.SignatureExpired:
        return _page(request, "expired", 410)
    except signing.BadSignature:
        return _page(request, "invalid", 404)
    subscriber = _subscriber(key)
    if subscriber is None:
        return _page(request, "invalid", 404)
    subscriptions = Subscription.objects.filter(subscriber=subscriber, list_id__in=list_ids).select_related(
        "list"
    )
    if request.method == "GET":  # a button, so that a mail scanner opening the link confirms nothing
        return _page(request, "confirm", lists=[s.list for s in subscriptions], token=token)
    for subscription in subscriptions:
        if subscription.status == Subscription.Status.PENDING:
            subscription.confirm()
    return _page(
        request,
        "confirmed",
        lists=[s.list for s in subscriptions],
        manage_token=tokens.manage_token(subscriber.key),
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie and no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        key, list_id = tokens.read_unsubscribe_token(token)
    except signing.BadSignature:
        return _page(request, "invalid", 404)
    subscription = (
        Subscription.objects.filter(subscriber__key=key, list_id=list_id).select_related("list").first()
    )
    if subscription is None:  # purged: nothing is left to unsubscribe
        return _page(request, "unsubscribed", lists=[])
    if request.method == "GET":
        return _page(request, "unsubscribe", lists=[subscription.list], token=token)
    subscription.unsubscribe()
    return _page(
        request,
        "unsubscribed",
        lists=[subscription.list],
        manage_token=tokens.manage_token(key),
    )


@csrf_exempt  # the signed link is the authority; the Origin check keeps other sites from posting it
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        subscriber = _subscriber(tokens.read_manage_token(token))
    except signing.BadSignature:
        subscriber = None
    if subscriber is None:
        return _page(request, "invalid", 404)
    lists = MailingList.objects.filter(locale__language_code=translation.get_language())
    mine = subscriber.subscriptions.filter(status=Subscription.Status.SUBSCRIBED)
    offered = lists.filter(public=True) | lists.filter(pk__in=mine.values("list"))
    if request.method == "POST":
        if not same_origin(request):
            return HttpResponseForbidden()
        form = ManageForm(request.POST, lists=offered.distinct())
        if form.is_valid():
            _apply(subscriber, offered, set(form.cleaned_data["lists"]))
            return _page(request, "managed", form=_manage_form(subscriber, offered), token=token)
        return _page(request, "manage", 400, form=form, token=token)
    return _page(request, "manage", form=_manage_form(subscriber, offered), token=token)


def _manage_form(subscriber, offered):
    chosen = subscriber.subscriptions.filter(status=Subscription.Status.SUBSCRIBED).values_list(
        "list", flat=True
    )
    return ManageForm(lists=offered.distinct(), initial={"lists": list(chosen)})


def _apply(subscriber, offered, chosen):
    """The link proves the mailbox, so lists ticked here are confirmed at once; unticked ones are left."""
    with transaction.atomic():
        for mailing_list in offered.distinct():
            subscription = subscriber.subscriptions.filter(list=mailing_list).first()
            if mailing_list in chosen:
                if subscription is None:
                    subscribe(subscriber.email, [mailing_list])[1][mailing_list].confirm()
                else:
                    subscription.confirm()
            elif subscription is not None and subscription.status == Subscription.Status.SUBSCRIBED:
                subscription.unsubscribe()
