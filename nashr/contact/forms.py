from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nashr.core.forms import ReaderForm

from .models import ContactMessage


class ContactForm(ReaderForm):
    """Name, e-mail, subject and message, plus a honeypot field that people never see or fill."""

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(_("Please write at least a few words."))
        if len(message) > 10_000:
            raise forms.ValidationError(_("Please keep your message under 10,000 characters."))
        return message

    def save(self, page=None):
        message = super().save(commit=False)
        message.page = page
        message.language = translation.get_language() or ""
        message.save()
        return message
