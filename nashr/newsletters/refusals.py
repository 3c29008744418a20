"""The errors of an e-mail service provider (django-anymail) that say a message was refused, beside
smtplib's: what subscribers receive comes from nashr.mail (MJML through mrml)."""

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

REFUSED = (AnymailRecipientsRefused,)  # the provider refused the address itself
NOT_SENT = (AnymailAPIError,)  # the provider did not take the message
