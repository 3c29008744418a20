"""MJML templates to mail: Django renders the MJML, mrml turns it into HTML, `urls` keeps it on the site."""

import html as html_lib
import re
from dataclasses import dataclass, replace
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail import hooks

from nashr.editions.editions import get_edition, language_code_of
from nashr.editions.published import site_root_url
from nashr.editions.urls import edition_url

from . import urls
from .text import html_to_text, tidy
from .urls import InlineImage

# `fn(language)` -> a dict added to every mail template's context: how apps above mail (navigation: the
# publication's name) give it what they own without mail importing them.
CONTEXT_HOOK = "nashr_mail_context"
UNSUBSCRIBE_TOKEN = "[[unsubscribe_url]]"
MANAGE_TOKEN = "[[manage_url]]"

# The site's own stacks (static/css/nashr.css): fonts already on the reader's device, never downloaded.
FONT_LATIN = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Helvetica, Arial, sans-serif'
FONT_ARABIC_SCRIPT = '"Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, sans-serif'
ARABIC_SCRIPT = {"fa", "ar"}

# mrml writes combining marks inside attribute values as Rust escapes: the Persian "ٔ" of "شمارهٔ" in an
# alt text became "شماره\u{654}". Inside tags they are turned back into the characters.
_TAG = re.compile(r"<[^<>]+>")
_RUST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}")


def _unescape_attributes(html):
    return _TAG.sub(lambda tag: _RUST_ESCAPE.sub(lambda e: chr(int(e.group(1), 16)), tag.group(0)), html)


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str
    images: tuple[InlineImage, ...] = ()  # carried inline (cid:), when NASHR_MAIL_IMAGES = "inline"


def mail_context(language):
    """What every mail template gets (see the package docstring), with what CONTEXT_HOOK adds."""
    edition = get_edition(language)
    site_url = site_root_url().rstrip("/")
    context = {
        "edition": edition,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": site_url,
        "edition_url": site_url + edition_url(edition.code),
        "align": "right" if edition.bidi else "left",
        "font_family": FONT_ARABIC_SCRIPT if edition.code in ARABIC_SCRIPT else FONT_LATIN,
        "line_height": "1.9" if edition.code in ARABIC_SCRIPT else "1.6",
        "unsubscribe_url": UNSUBSCRIBE_TOKEN,
        "manage_url": MANAGE_TOKEN,
    }
    for fn in hooks.get_hooks(CONTEXT_HOOK):
        context.update(fn(language))
    return context


def render_message(template_name, context, *, language):
    """`mail/<template_name>.mjml` and `.txt` rendered in `language`'s edition: a Rendered."""
    with translation.override(language):
        full = mail_context(language)
        site_url = full["site_url"]
        full.update(
            (
                key,
                urls.absolute(value, site_url) if key.endswith("_url") and isinstance(value, str) else value,
            )
            for key, value in context.items()
        )
        mjml = render_to_string(f"mail/{template_name}.mjml", full)
        text = get_template(f"mail/{template_name}.txt").template.render(Context(full, autoescape=False))
    # Imported here: only processes that send mail load mrml's library (about 1.5 MB), not web workers.
    # mrml adds a web font (Ubuntu, from a font service) unless told there are none.
    import mrml

    output = mrml.to_html(mjml, render_options=mrml.RenderOptions(disable_comments=True, fonts={}))
    inline = settings.NASHR_MAIL_IMAGES == "inline"
    html, images = urls.for_mail(_unescape_attributes(output.content), site_url, inline=inline)
    subject = " ".join(html_lib.unescape(output.title or "").split())
    return Rendered(subject, html, tidy(text), images)


def render_issue(page):
    """A periodical issue (newsletter, brief or digest) as mail, in its edition."""
    page = page.specific
    language = language_code_of(page.locale_id)
    site_url = site_root_url().rstrip("/")

    def full(url):
        return urls.absolute(url or "", site_url)

    with translation.override(language):
        groups = [
            {"name": group["name"], "items": [replace(item, url=full(item.url)) for item in group["items"]]}
            for group in page.digest_groups()
        ]
        body_html = urls.for_mail(_richtext(page.body), site_url)[0]
        context = {
            "page": page,
            "periodical": page.get_periodical_display(),
            "groups": groups,
            "body_html": mark_safe(body_html),  # the editor's rich text, as Wagtail writes it
            "body_text": html_to_text(body_html),
            "cover_url": full(page.lead_image.get_rendition("width-1200").url) if page.lead_image else "",
            "document_url": full(page.document.url) if page.document else "",
            "page_url": full(page.get_url()),
        }
    return render_message("issue", context, language=language)


def _richtext(value):
    from wagtail.rich_text import expand_db_html

    return expand_db_html(value or "")


def personalise(rendered, unsubscribe_url, manage_url):
    """`rendered` for one reader: the tokens replaced by their links."""

    def fill(text, escape):
        for token, url in ((UNSUBSCRIBE_TOKEN, unsubscribe_url), (MANAGE_TOKEN, manage_url)):
            text = text.replace(token, html_lib.escape(url) if escape else url)
        return text

    return replace(rendered, html=fill(rendered.html, True), text=fill(rendered.text, False))


def as_email(rendered, to, *, from_email=None, headers=None, connection=None):
    """The Django message of `rendered`: text, then HTML, then any inline images (multipart/related)."""
    message = EmailMultiAlternatives(
        rendered.subject, rendered.text, from_email, to, headers=headers, connection=connection
    )
    message.attach_alternative(rendered.html, "text/html")
    if rendered.images:
        message.mixed_subtype = "related"
        for image in rendered.images:
            part = MIMEImage(image.content, _subtype=image.mimetype.split("/", 1)[-1])
            part.add_header("Content-ID", f"<{image.cid}>")
            part.add_header("Content-Disposition", "inline", filename=image.filename)
            message.attach(part)
    return message
