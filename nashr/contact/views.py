from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from nashr.core.forms import same_origin

from .models import ContactPage


@csrf_exempt  # no per-visitor token, so the contact page can be cached: see core.forms.same_origin
@require_POST
def send_message(request, page_id):
    if not same_origin(request):
        return HttpResponseForbidden()
    page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)
    return page.receive(request)
