from django import template
from django.utils.safestring import mark_safe

from nashr.seo.metadata import head_metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_metadata(context):
    """Canonical URL, description, hreflang and feed links, Open Graph, Twitter and JSON-LD for the page."""
    metadata = head_metadata(context)
    if metadata:
        metadata["json_ld"] = mark_safe(metadata["json_ld"])  # <, > and & are escaped in head_metadata
    return metadata
