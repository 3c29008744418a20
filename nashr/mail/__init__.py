"""Mail that readers receive: newsletter issues and transactional messages, as MJML rendered by mrml.

    from nashr.mail import Rendered, render_issue, render_message, UNSUBSCRIBE_TOKEN, MANAGE_TOKEN

- `render_issue(page)` gives a PeriodicalIssuePage (or its specific page) as mail, in the page's edition.
- `render_message(template_name, context, *, language)` renders the transactional mail
  `mail/<template_name>.mjml` (a Django template producing MJML that extends "mail/base.mjml") and
  `mail/<template_name>.txt` (plain text; rendered without HTML escaping).

Both return a `Rendered(subject, html, text)`, plus the images the HTML carries inline (`images`, empty unless
NASHR_MAIL_IMAGES = "inline"). `as_email(rendered, to, ...)` makes the Django message of it, with those images
attached (multipart/related).

**The subject** is the `{% block subject %}` of the .mjml template (base.mjml puts it in <mj-title>; mrml
hands it back). Write it as plain text: it is unescaped and stripped, and its lines joined.

**base.mjml's blocks**: `subject` (required), `preheader` (the line a mail client shows after the subject),
`header` (the masthead: the site's name linking to the edition), `content` (the body, a list of
<mj-section>s inside the white page), `footer` (below the page: by default the site's name and address; an
issue adds the unsubscribe and manage links). Every template gets in its context `edition` (the Edition:
`code`, `direction`), `site_name`, `site_url` (no trailing slash), `edition_url` (absolute), `align`
("left" or "right") and `font_family`, as well as what the caller passes; a value the caller passes under
a key ending in `_url` that is a path ("/en/...") is made absolute on the site, for both parts. Interface
strings are translated into `language`, and `edition_digits` writes that edition's digits. The ready-made
"notice" template (`subject`, `heading`, `paragraphs`, `action_url`, `action_label`, `closing`) serves a
short message to one person; extend it or base.mjml for more. `site_name` is the edition's publication
name, which navigation adds through the `nashr_mail_context` hook (render.CONTEXT_HOOK): mail sits in the
foundation and imports no content app (docs/architecture.md).

**Per-recipient links**: an issue's HTML and text hold the literal tokens UNSUBSCRIBE_TOKEN and MANAGE_TOKEN
where the reader's links go; the sender substitutes them (`personalise`). A transactional template may use
`{{ unsubscribe_url }}` and `{{ manage_url }}` for the same tokens.

**What a reader's client loads**: nothing but the site. Fonts are system stacks (no web fonts), there are
no tracking pixels and links are left as written (no redirects). Relative URLs become absolute on the site;
an image from any other host is dropped (`nashr.mail.urls`). Images come from the site's absolute URLs, or
inline as cid: attachments when NASHR_MAIL_IMAGES = "inline".
"""

from .render import (
    MANAGE_TOKEN,
    UNSUBSCRIBE_TOKEN,
    InlineImage,
    Rendered,
    as_email,
    personalise,
    render_issue,
    render_message,
)

__all__ = [
    "MANAGE_TOKEN",
    "UNSUBSCRIBE_TOKEN",
    "InlineImage",
    "Rendered",
    "as_email",
    "personalise",
    "render_issue",
    "render_message",
]
