from django.conf import settings
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from nashr.core import ratelimit
from nashr.core.forms import same_origin
from nashr.core.models import PostPage

from .forms import CommentForm
from .models import Comment


def _commentable(page_id):
    return get_object_or_404(PostPage.objects.live().public(), pk=page_id).specific


@csrf_exempt  # no per-visitor token, so the article can be cached: see core.forms.same_origin
@require_POST
def post_comment(request, page_id):
    if not same_origin(request):
        return HttpResponseForbidden()
    page = _commentable(page_id)
    form = CommentForm(request.POST, page=page)
    if not ratelimit.allow(request, "comment", *settings.NASHR_FORM_RATE["comment"]):
        form.add_error(None, form.rate_limited_message)
        status = 429
    elif form.is_valid():
        form.save()
        return redirect(f"{page.url}?comment=received#comments")
    else:
        status = 400
    parent = form.cleaned_data.get("parent") if hasattr(form, "cleaned_data") else None
    if parent is not None:
        return _reply_page(request, page, parent, form, status)
    context = page.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_GET
@cache_control(private=True)
def reply(request, page_id, comment_id):
    """The form to answer one published comment: a page of its own, so that the article stays the same
    for every reader (and cached) and the reply needs no script."""
    page = _commentable(page_id)
    parent = Comment.objects.approved().filter(page=page, pk=comment_id, removed=False).first()
    if parent is None:
        raise Http404
    return _reply_page(request, page, parent, CommentForm(initial={"parent": parent.pk}, page=page), 200)


def _reply_page(request, page, parent, form, status):
    context = {"page": page, "parent": parent, "comment_form": form}
    response = TemplateResponse(request, "pages/comment_reply.html", context, status=status)
    response["Cache-Control"] = "private"
    return response
