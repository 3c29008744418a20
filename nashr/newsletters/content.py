"""What subscribers receive comes from nashr.mail (MJML through mrml); here too, the errors of a provider
(django-anymail) that say a message was refused, beside smtplib's."""

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

from nashr.mail import (
    MANAGE_TOKEN,
    UNSUBSCRIBE_TOKEN,
    Rendered,
    as_email,
    personalise,
    render_issue,
    render_message,
)

__all__ = [
    "MANAGE_TOKEN",
    "NOT_SENT",
    "REFUSED",
    "UNSUBSCRIBE_TOKEN",
    "Rendered",
    "as_email",
    "personalise",
    "render_issue",
    "render_message",
]

REFUSED = (AnymailRecipientsRefused,)  # the provider refused the address itself
NOT_SENT = (AnymailAPIError,)  # the provider did not take the message
