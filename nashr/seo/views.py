import math

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from nashr.editions.published import private_q, published_editions, site_root_url

from . import sitemaps

XML = "application/xml; charset=utf-8"


@require_GET
def sitemap_index(request):
    return StreamingHttpResponse(sitemaps.index_xml(site_root_url(request)), content_type=XML)


@require_GET
def edition_sitemap(request, code, number):
    number = int(number)
    private = private_q()
    editions = published_editions(private)
    edition = editions.get(code)
    if edition is None or number < 1:
        raise Http404
    parts = max(1, math.ceil(sitemaps.edition_pages(edition, private).count() / sitemaps.max_urls()))
    if number > parts:
        raise Http404
    body = sitemaps.edition_xml(edition, number, site_root_url(request), editions, private)
    return StreamingHttpResponse(body, content_type=XML)


@require_GET
def topics_sitemap(request, code):
    private = private_q()
    editions = published_editions(private)
    edition = editions.get(code)
    if edition is None:
        raise Http404
    body = sitemaps.topics_xml(edition, site_root_url(request), editions, private)
    return StreamingHttpResponse(body, content_type=XML)


@require_GET
def news_sitemap(request):
    return StreamingHttpResponse(sitemaps.news_xml(site_root_url(request)), content_type=XML)


@require_GET
def robots_txt(request):
    return HttpResponse(sitemaps.robots_txt(site_root_url(request)), content_type="text/plain; charset=utf-8")
