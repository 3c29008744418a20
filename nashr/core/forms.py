from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nashr.core.form_renderer import ReadersRenderer
from nashr.editions import catalogs
from nashr.editions.editions import get_edition

# Readers' forms draw their widgets as Django's own Jinja2 widget templates do: the markup of its Django
# templates but for blank lines, without Django's engine in every reader's page (decision 0028); inputs
# and textareas are written out in Python (core/form_renderer.py).
READERS_RENDERER = ReadersRenderer()


class AccessibleErrors:
    """Mixed into a form for readers: its errors in the edition's digits, each tied to its input for screen
    readers (`aria-invalid`, and `aria-describedby` naming the error's id); widgets drawn by Jinja2."""

    default_renderer = READERS_RENDERER

    def full_clean(self):
        super().full_clean()
        errors_in_edition_digits(self)
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )


class ReaderForm(AccessibleErrors, forms.ModelForm):
    """A form for readers: errors are tied to their inputs for screen readers, and a honeypot field
    (`website`, hidden from people by CSS) makes a robot that fills it in get the form back.
    """

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    rate_limited_message = _("You have sent several messages in a short time. Please wait a few minutes.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Readers write in any script: a Latin name typed on a Persian page runs left to right, and back.
        # Labels in the edition's language, made once per process (a lazy label is made again at each use).
        for field in self.fields.values():
            field.label = catalogs.text(field.label)
            if type(field.widget) in (forms.TextInput, forms.Textarea):
                field.widget.attrs.setdefault("dir", "auto")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must be left empty."))
        return ""


def errors_in_edition_digits(form):
    """Django's own messages print their numbers in Western digits ("at most 100 characters"): a reader's
    form shows them in the edition's digits instead. Call after `full_clean()`."""
    edition = get_edition(get_language())
    for errors in (form._errors or {}).values():
        errors.data[:] = [edition.digits(message) for message in errors]


def same_origin(request):
    """False when the browser says the form was sent from another site (Origin, else Referer).

    Readers' forms carry no per-visitor token, so that pages holding them can be cached and served to
    everyone (docs/decisions/0005-reader-forms-without-csrf-tokens.md). A browser names the page that sent
    a POST; one from elsewhere is refused. A request naming neither (some privacy tools strip both) is let
    through to the honeypot and the rate limit, as a script posting directly would be anyway. A header
    that is not an address at all (`http://[::1`) is a bad request (400), not a server error.
    """
    sent_from = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not sent_from or sent_from == "null" and "HTTP_ORIGIN" not in request.META:
        return True
    try:
        parts = urlsplit(sent_from)
    except ValueError as error:
        raise BadRequest("The Origin or Referer header is not an address.") from error
    origin = f"{parts.scheme}://{parts.netloc}"
    allowed = {f"{request.scheme}://{request.get_host()}", *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    return origin in allowed
