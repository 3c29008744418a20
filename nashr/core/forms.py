from django import forms
from django.utils.translation import gettext_lazy as _


class ReaderForm(forms.ModelForm):
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
        for field in self.fields.values():
            if type(field.widget) in (forms.TextInput, forms.Textarea):
                field.widget.attrs.setdefault("dir", "auto")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must be left empty."))
        return ""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )
