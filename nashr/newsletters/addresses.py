"""E-mail addresses as the newsletters store them: one spelling per mailbox, so an address is one row."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def normalise(address):
    """`address` trimmed and lower-cased, its domain in ASCII (IDNA); ValidationError if it is no address.

    Mail providers treat the local part without regard to case, so ``Reader@Example.org`` and
    ``reader@example.org`` are one subscriber.
    """
    address = (address or "").strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValidationError("Enter a valid e-mail address.", code="invalid")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise ValidationError("Enter a valid e-mail address.", code="invalid") from error
    address = f"{local}@{domain}".lower()
    validate_email(address)
    return address
