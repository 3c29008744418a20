"""The mirror form in the admin: what each kind needs, checked before anything is saved.

The secret key is write-only: the field is always empty when shown, and left empty it keeps the saved
key. A bucket is tried (does it exist, do the keys open it) and a folder made before the mirror is saved,
so a mistake is said in the form, not discovered at the next publish.
"""

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Mirror
from .stores import StoreError, store_for

REQUIRED = {
    Mirror.Kind.BUCKET: ("endpoint_url", "bucket"),
    Mirror.Kind.FOLDER: ("folder",),
    Mirror.Kind.ONION: (),
}


class MirrorForm(WagtailAdminModelForm):
    secret_key = forms.CharField(
        label=_("secret key"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Never shown again once saved; leave empty to keep the saved one."),
    )
    editions = forms.MultipleChoiceField(
        label=_("editions"),
        required=False,
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every edition."),
    )

    def clean_endpoint_url(self):
        value = self.cleaned_data.get("endpoint_url", "").strip()
        if value:
            URLValidator(
                schemes=["http", "https"],
                message=_("Enter the endpoint as a URL, e.g. https://s3.example.net."),
            )(value)
        return value

    def clean_prefix(self):
        value = self.cleaned_data.get("prefix", "").strip().strip("/")
        if value and (".." in PurePosixPath(value).parts or "\\" in value or "//" in value):
            raise ValidationError(
                _("A prefix is a folder name inside the bucket, without “..”, e.g. news/site.")
            )
        return value

    def clean_folder(self):
        value = self.cleaned_data.get("folder", "").strip()
        if value and not PurePosixPath(value).is_absolute():
            raise ValidationError(_("Enter an absolute path, e.g. /srv/mirror."))
        if value and ".." in PurePosixPath(value).parts:
            raise ValidationError(_("Enter the folder without “..”."))
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for name in REQUIRED.get(kind, ()):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("This kind of mirror needs it."))
        public_url = data.get("public_url") or ""
        host = urlsplit(public_url).hostname or ""
        if kind == Mirror.Kind.ONION and public_url and not host.endswith(".onion"):
            self.add_error("public_url", _("An onion service's address ends in .onion."))
        if kind != Mirror.Kind.ONION and host.endswith(".onion"):
            self.add_error("kind", _("An .onion address is a mirror of the kind “Onion service”."))
        if not self.errors and kind in (Mirror.Kind.BUCKET, Mirror.Kind.FOLDER):
            self._try_store(data)
        return data

    def _try_store(self, data):
        trial = Mirror(
            **{f: data.get(f, "") for f in ("kind", "endpoint_url", "bucket", "region", "access_key")}
        )
        trial.prefix, trial.folder = data.get("prefix", ""), data.get("folder", "")
        trial.secret_key = data.get("secret_key") or self.instance.secret_key
        try:
            store_for(trial).check()
        except StoreError as error:
            field = "folder" if trial.kind == Mirror.Kind.FOLDER else "bucket"
            self.add_error(field, str(error))

    def save(self, commit=True):
        if self.cleaned_data.get("secret_key"):
            self.instance.secret_key = self.cleaned_data["secret_key"]
        self.instance.editions = list(self.cleaned_data.get("editions") or [])
        return super().save(commit)
