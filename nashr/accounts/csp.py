"""Security headers that Django and django-csp do not send by themselves.

- The admin's Content-Security-Policy (`NASHR_ADMIN_CSP`, nashr/settings/security.py): django-csp sends the
  public site's strict policy and leaves every URL under /admin/ to this middleware, which sends the
  admin's own (second step, translation editor and previews included). `NASHR_ADMIN_CSP_REPORT_ONLY=1`
  sends it as Content-Security-Policy-Report-Only instead: a way to try a Wagtail upgrade or an admin
  add-on, with the browser's console listing what the policy would block.
- Permissions-Policy on every response: the public site asks for no camera, microphone, location or
  the like (`NASHR_PERMISSIONS_POLICY`); the admin also lets its own pages use passkeys
  (`NASHR_ADMIN_PERMISSIONS_POLICY`). nginx sends the public one with the static output
  (docs/nginx/security-headers.conf).
- Wagtail's chooser widgets without their inline scripts (`start_choosers_without_inline_scripts`, called
  when the app is ready), as the templates in nashr/accounts/templates/ do for the other widgets.
"""

import json

from csp.utils import build_policy
from django.conf import settings
from django.utils.html import format_html
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

from nashr.core.reader_urlconf import ADMIN_PATH


def permissions_policy(features):
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_csp = build_policy(config=settings.NASHR_ADMIN_CSP)
        self.public_permissions = permissions_policy(settings.NASHR_PERMISSIONS_POLICY)
        self.admin_permissions = permissions_policy(
            settings.NASHR_PERMISSIONS_POLICY | settings.NASHR_ADMIN_PERMISSIONS_POLICY
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PATH):
            header = "Content-Security-Policy"
            if settings.NASHR_ADMIN_CSP_REPORT_ONLY:
                header += "-Report-Only"
            response.headers.setdefault(header, self.admin_csp)
            response.headers.setdefault("Permissions-Policy", self.admin_permissions)
        else:
            response.headers.setdefault("Permissions-Policy", self.public_permissions)
        return response


def render_chooser(self, name, value, attrs=None, renderer=None):
    """Wagtail's chooser widgets (page, image, document, snippet, task), rendered as BaseChooser.render
    renders them but with a hidden element where it writes an inline script: nashr/static/js/admin_init.js
    makes the same call from it."""
    if not attrs or "id" not in attrs:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute")
    id_ = attrs["id"]
    value_data = self.get_value_data(value)
    html = self.render_html(name, value_data, attrs)
    if isinstance(self, AdminTaskChooser):  # its script is createTaskChooser(id)
        start = format_html('<span hidden data-nashr-init="task-chooser" data-nashr-target="{}"></span>', id_)
    else:
        start = format_html(
            '<span hidden data-nashr-init="chooser" data-nashr-constructor="{}" data-nashr-target="{}"'
            ' data-nashr-options="{}"></span>',
            self.js_constructor,
            id_,
            json.dumps(self.get_js_init_options(id_, name, value_data)),
        )
    return html + start


def start_choosers_without_inline_scripts():
    BaseChooser.render = render_chooser
