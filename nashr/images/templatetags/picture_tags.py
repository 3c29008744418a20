from django import template

from nashr.images import pictures

register = template.Library()


@register.simple_tag
def responsive_picture(image, sizes, alt, eager=False):
    """components/picture.html's `<picture>`: WebP and JPEG at three widths (images/pictures.py)."""
    return pictures.picture(image, sizes, alt, eager)
