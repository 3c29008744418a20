"""What subscribers receive, from nashr.mail (MJML through mrml), and the errors saying a message was refused.

TEMPORARY until the `mail` branch is merged: a plain Django-template rendering with the same interface.
"""

import html as html_lib
import re
from dataclasses import dataclass, replace

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation
from django.utils.html import linebreaks

UNSUBSCRIBE_TOKEN = "[[unsubscribe_url]]"
MANAGE_TOKEN = "[[manage_url]]"

REFUSED = (AnymailRecipientsRefused,)  # the provider refused the address itself
NOT_SENT = (AnymailAPIError,)  # the provider did not take the message


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str
    images: tuple = ()


def render_message(template_name, context, *, language):
    source = get_template(f"mail/{template_name}.mjml").template.source
    subject = re.search(r"{% block subject %}(.*?){% endblock %}", source, re.S).group(1)
    with translation.override(language):
        full = {"unsubscribe_url": UNSUBSCRIBE_TOKEN, "manage_url": MANAGE_TOKEN, **context}
        text = get_template(f"mail/{template_name}.txt").template.render(Context(full, autoescape=False))
        subject = Template("{% load i18n %}" + subject).render(Context(full))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return Rendered(" ".join(subject.split()), linebreaks(text, autoescape=True), text)


def render_issue(page):
    page = page.specific
    text = f"{page.title}\n\n{page.summary}\n\n{page.full_url}\n\n--\n{MANAGE_TOKEN}\n{UNSUBSCRIBE_TOKEN}"
    return Rendered(page.title, linebreaks(text, autoescape=True), text)


def personalise(rendered, unsubscribe_url, manage_url):
    def fill(text, escape):
        for token, url in ((UNSUBSCRIBE_TOKEN, unsubscribe_url), (MANAGE_TOKEN, manage_url)):
            text = text.replace(token, html_lib.escape(url) if escape else url)
        return text

    return replace(rendered, html=fill(rendered.html, True), text=fill(rendered.text, False))


def as_email(rendered, to, *, from_email=None, headers=None, connection=None):
    message = EmailMultiAlternatives(
        rendered.subject, rendered.text, from_email, to, headers=headers, connection=connection
    )
    message.attach_alternative(rendered.html, "text/html")
    return message
