from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nashr.core.forms import READERS_RENDERER, ReaderForm

from .addresses import normalise
from .models import MailingList, Subscriber


class _ListChoices(forms.models.ModelChoiceIterator):
    """The field's choices from the lists it was given already read (`shown`), else from its queryset."""

    def __iter__(self):
        shown = getattr(self.field, "shown", None)
        if shown is None:
            yield from super().__iter__()
            return
        for obj in shown:
            yield self.choice(obj)

    def __len__(self):
        shown = getattr(self.field, "shown", None)
        return super().__len__() if shown is None else len(shown)

    def __bool__(self):
        shown = getattr(self.field, "shown", None)
        return super().__bool__() if shown is None else bool(shown)


class ListChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    iterator = _ListChoices
    shown = None  # the queryset's lists, when the form is given them read (a page's signup form)

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

    def __init__(self, *args, lists, shown=None, **kwargs):
        """`lists`: the queryset of the lists offered; `shown`: the same lists already read, which an unbound
        form shows (a page's signup form: no query of its own)."""
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists
        self.fields["lists"].error_messages["required"] = _("Choose at least one list.")
        if not self.is_bound:
            self.fields["lists"].shown = shown
            first = lists.first() if shown is None else next(iter(shown), None)
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
