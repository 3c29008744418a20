"""Security headers that Django and django-csp do not send by themselves, and django-csp's own, built once.

- The public site's Content-Security-Policy (`CONTENT_SECURITY_POLICY`), sent by `PolicyMiddleware`:
  django-csp's middleware, which builds the header anew for every response (58 us, paid again by each of
  the ten thousand files of a static build). A response with nothing of its own (no nonce asked for, no
  policy of its own: a video page's) gets the same two headers, built once and again whenever the
  settings change; any other goes through django-csp as it is.
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

import http
import json
from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
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


# What a view sets on a response to have a policy of its own (csp.decorators, nashr/core/models.py).
_OWN_POLICY = tuple(f"_csp_{part}{ro}" for ro in ("", "_ro") for part in ("config", "update", "replace"))
_DEBUG_PAGES = (http.HTTPStatus.INTERNAL_SERVER_ERROR, http.HTTPStatus.NOT_FOUND)  # django-csp's


@cache
def _site_policies():
    """[(header, policy, excluded URL prefixes)] of the site's policies: as django-csp builds them for a
    response with nothing of its own (none that is empty)."""
    policies = []
    for header, setting, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        policy = build_policy(report_only=report_only)
        if policy:
            prefixes = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            policies.append((header, policy, prefixes))
    return policies


@receiver(setting_changed)
def _policy_settings_changed(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _site_policies.cache_clear()


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the site's policy built once (see the module's docstring)."""

    def process_response(self, request, response):
        own = any(getattr(response, name, None) is not None for name in _OWN_POLICY)
        if own or getattr(request, "_csp_nonce", None) is not None:
            return super().process_response(request, response)
        if response.status_code in _DEBUG_PAGES and settings.DEBUG:
            return response
        for header, policy, prefixes in _site_policies():
            exempt = getattr(
                response, "_csp_exempt_ro" if header == HEADER_REPORT_ONLY else "_csp_exempt", False
            )
            if header not in response and exempt is False and not request.path_info.startswith(prefixes):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # asking now raises
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
