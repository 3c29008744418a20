"""The `<picture>` of components/picture.html, written from its renditions' rows.

Wagtail's `{% picture %}` makes a model instance of each of the six renditions (WebP and JPEG, three
widths), asks the storage for each one's address and writes the markup through `Picture`: about 0.5 ms a
picture, 16 pictures on a home page. Here a listing's pictures read their renditions as rows (in the one
query of `renditions.share_renditions`) and the markup is written from them, the same markup `Picture`
writes (`tests/test_pictures.py` compares them). A picture alone (an article's lead) reads its own in one
query the same way. A picture missing a rendition (a new image whose renditions the worker has not made
yet) goes Wagtail's way, which makes them.
"""

from html import escape

from django.apps import apps
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.utils.encoding import filepath_to_uri
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from .renditions import PICTURE, batch_for, filter_for

FILTERS = [Filter(spec) for spec in Filter.expand_spec(PICTURE)]
# Picture's order: WebP as a <source>, JPEG (the fallback format) in the <img>; each by width.
WEBP = [f.spec for f in FILTERS if "format-webp" in f.spec]
JPEG = [f.spec for f in FILTERS if "format-jpeg" in f.spec]
SPECS = WEBP + JPEG


def picture(image, sizes, alt, eager=False):
    """The `<picture>` of `image` (a NashrImage) at the widths of renditions.PICTURE."""
    attrs = {"sizes": sizes, "alt": alt, "decoding": "async"}
    attrs.update({"fetchpriority": "high"} if eager else {"loading": "lazy"})
    rows = _rows_of(image)
    if any(spec not in rows for spec in SPECS):
        return Picture(get_renditions_or_not_found(image, FILTERS), attrs).__html__()
    url = _url_maker(image)
    webp = [(url(rows[spec][0]), rows[spec][1]) for spec in WEBP]
    jpeg = [(url(rows[spec][0]), *rows[spec][1:]) for spec in JPEG]
    source = {"srcset": ", ".join(f"{u} {w}w" for u, w in webp), "sizes": sizes, "type": "image/webp"}
    src, width, height = jpeg[0]
    img = {"src": src, "width": width, "height": height, "alt": image.default_alt_text}
    img.update(apps.get_app_config("wagtailimages").default_attrs)
    img.update(attrs)
    img["srcset"] = ", ".join(f"{u} {w}w" for u, w, _ in jpeg)
    return mark_safe(f"<picture><source{_attributes(source)}><img{_attributes(img)}></picture>")  # noqa: S308 (escaped)


def rendition_of(image, spec):
    """(address, width, height) of `image`'s rendition of `spec` (one of renditions.ALONE_SPECS: a page's
    link preview), from the row its batch read, with no model instance; Wagtail's way, which makes it,
    where the database has none yet."""
    rows = batch_for(image, [spec]).rows(image)
    if spec in rows:
        name, width, height = rows[spec]
        return _url_maker(image)(name), width, height
    rendition = image.get_renditions(filter_for(spec))[spec]
    return rendition.url, rendition.width, rendition.height


def _attributes(attrs):
    """Django's `flatatt` (which `Picture` uses) for a picture's attributes: the same text, in a tenth of the
    time (no lazy-string checks nor a format_html a value). Values already safe are kept as they are."""
    pairs = sorted(
        (name, value) for name, value in attrs.items() if not isinstance(value, bool) and value is not None
    )
    flags = sorted(name for name, value in attrs.items() if value is True)
    return "".join(f' {name}="{_escaped(value)}"' for name, value in pairs) + "".join(
        f" {name}" for name in flags
    )


def _escaped(value):
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _rows_of(image):
    """{spec: (file name, width, height)} of the image's renditions of PICTURE made for its focal point: a
    listing's from the rows its batch read, a picture alone's from a query of its own."""
    return batch_for(image, SPECS).rows(image)


def _url_maker(image):
    """A function from a rendition's file name to its address, as the renditions' storage gives it."""
    storage = image.get_rendition_model()._meta.get_field("file").storage
    if storage is default_storage:  # a lazy stand-in for the default storage: the storage itself
        storage = storages["default"]
    if type(storage) is FileSystemStorage and storage.base_url and storage.base_url.endswith("/"):
        # FileSystemStorage.url is urljoin(base_url, the quoted name): for a relative name made by Wagtail
        # (no "..", no scheme), the two joined.
        base = storage.base_url
        return lambda name: base + filepath_to_uri(name).lstrip("/")
    return storage.url
