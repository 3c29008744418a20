from django.conf import settings
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from nashr.core import ratelimit
from nashr.core.forms import same_origin
from nashr.core.models import PostPage

from .forms import CommentForm


@csrf_exempt  # no per-visitor token, so the article can be cached: see core.forms.same_origin
@require_POST
def post_comment(request, page_id):
    if not same_origin(request):
        return HttpResponseForbidden()
    page = get_object_or_404(PostPage.objects.live().public(), pk=page_id).specific
    form = CommentForm(request.POST)
    if not ratelimit.allow(request, "comment", *settings.NASHR_FORM_RATE["comment"]):
        form.add_error(None, form.rate_limited_message)
        status = 429
    elif form.is_valid():
        comment = form.save(commit=False)
        comment.page = page
        comment.save()
        return redirect(f"{page.url}?comment=received#comments")
    else:
        status = 400
    context = page.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)
