from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nashr.core.forms import READERS_RENDERER, ReaderForm

from .addresses import normalise
from .models import MailingList, Subscriber


class ListChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class SignupForm(ReaderForm):
    """Name (optional), e-mail and the lists of one edition. Whether the address is known already changes
    nothing here: the mail tells its owner (notices.py)."""

    lists = ListChoiceField(queryset=MailingList.objects.none(), label=_("Lists"))

    class Meta:
        model = Subscriber
        fields = ["name", "email"]
        labels = {"name": _("Name (optional)"), "email": _("E-mail")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        }

    def __init__(self, *args, lists, first=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists
        self.fields["lists"].error_messages["required"] = _("Choose at least one list.")
        first = None if self.is_bound else first or lists.first()
        if first is not None:  # the first list ticked: one click less for most readers
            self.initial["lists"] = [first.pk]
        self.order_fields(["email", "name", "lists"])

    def clean_email(self):
        try:
            return normalise(self.cleaned_data["email"])
        except ValidationError as error:
            raise ValidationError(_("Enter a valid e-mail address.")) from error

    def validate_unique(self):
        """Never: an address already known must get the same answer as a new one."""


class ManageForm(forms.Form):
    default_renderer = READERS_RENDERER

    lists = ListChoiceField(queryset=MailingList.objects.none(), label=_("Your lists"), required=False)

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists
