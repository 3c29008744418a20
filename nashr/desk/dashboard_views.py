"""Reports → Translations: the dashboard (dashboard.py), for whoever may translate in some edition."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .dashboard import DeskFilterForm, DeskTable

PERMISSION = "wagtail_localize.submit_translation"


def may_use_desk(user):
    return user.is_active and user.has_perm(PERMISSION)


def dashboard(request):
    """The table, filtered; bad filters or a page number past the end answer 400 with the reason."""
    if not may_use_desk(request.user):
        raise PermissionDenied
    form = DeskFilterForm(request.GET, Locale.objects.order_by("pk"))
    context = {"form": form, "table": None}
    if form.is_valid():
        table = DeskTable(request.user, form)
        try:
            page = table.page(form.cleaned_data.get("p") or 1)
        except EmptyPage:
            form.add_error(
                "p",
                _("There is no such page: the table has %(count)s.") % {"count": table.paginator.num_pages},
            )
        else:
            context.update(table=table, page=page, rows=table.rows(page), query=_query_without_page(request))
    return render(request, "desk/dashboard.html", context, status=200 if form.is_valid() else 400)


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("p", None)
    return query.urlencode()
