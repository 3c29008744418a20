from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup

from nashr.core.forms import ReaderForm
from nashr.editions import catalogs

from .models import Comment


class CommentForm(ReaderForm):
    """A comment, or with `parent` a reply to a published comment on the same page (`page` given)."""

    parent = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["name", "email", "body", "notify"]
        labels = {
            "notify": _("Tell me by e-mail when my comment is published or answered (nothing else is sent)")
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
            "body": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) > 5_000:
            raise forms.ValidationError(_("Please keep your comment under 5,000 characters."))
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.approved().filter(pk=parent_id, page=self.page, removed=False).first()
        if parent is None:  # said above the form: the field itself is hidden
            self.add_error(None, _("The comment you answer is no longer shown."))
        return parent

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("notify") and not cleaned.get("email"):
            self.add_error("email", _("Give your e-mail address to be told, or untick the box."))
        return cleaned

    def save(self, commit=True):
        comment = super().save(commit=False)
        comment.page = self.page
        comment.parent = self.cleaned_data.get("parent")
        if commit:
            comment.save()
        return comment


def blank_form_fields():
    """The fields of an empty comment form, as components/form_fields.html draws them, in the active
    language. They are the same on every article: what the code and the catalog give (labels, widgets,
    no value and no error), so they are kept with the language's catalog for the life of the process, as
    its texts are (decision 0030), not drawn through Django's widgets on every page (about 0.3 ms an
    article rendered from nothing). A form sent back with errors is drawn from the form itself."""
    kept = catalogs.kept("_nashr_comment_form")
    if kept is None:  # no language active (Django's default): nothing to keep it with
        return _draw_blank()
    if "fields" not in kept:
        kept["fields"] = _draw_blank()
    return kept["fields"]


def _draw_blank():
    return Markup(render_to_string("components/form_fields.html", {"form": CommentForm()}).strip())
