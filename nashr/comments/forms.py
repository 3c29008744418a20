from django import forms
from django.utils.translation import gettext_lazy as _

from nashr.core.forms import ReaderForm

from .models import Comment


class CommentForm(ReaderForm):
    class Meta:
        model = Comment
        fields = ["name", "email", "body"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
            "body": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) > 5_000:
            raise forms.ValidationError(_("Please keep your comment under 5,000 characters."))
        return body
