from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Locale

from .forms import SearchForm
from .query import page_number, search_page_results


def search_view(request):
    """/<edition>/search/?q=...: ranked results in the reader's edition, or in all editions if asked."""
    language = translation.get_language()
    locale = Locale.objects.filter(language_code=language).first()
    form = SearchForm(request.GET or None, locale=locale)
    results = found = None
    if form.is_bound:
        form.is_valid()  # invalid filters are reported and left out; the words are still searched
        if form.query:
            found = search_page_results(
                form.query,
                None if form.all_editions else language,
                form.filters(),
                page=page_number(request.GET.get("page")),
            )
            if found is not None:
                results = found
                request.nashr_page_count = found.num_pages
    context = {
        "form": form,
        "query": form.query if form.is_bound else "",
        "results": results,
        "ranked": found.ranked if found is not None else True,
    }
    return TemplateResponse(request, "pages/search_page.html", context)
