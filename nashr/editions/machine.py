"""Machine translation for the translation editor, off unless configured (docs/how-to/translation.md).

wagtail-localize calls the translator that settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR names, for the
whole page ("Translate with ...") and, through nashr/editions/machine_views.py, for one segment.
`translator_setting` builds that setting from the environment:

- NASHR_MACHINE_TRANSLATOR=libretranslate with NASHR_LIBRETRANSLATE_URL (and NASHR_LIBRETRANSLATE_KEY if
  the server asks for one): a LibreTranslate server, ideally the newsroom's own;
- NASHR_MACHINE_TRANSLATOR=deepl with NASHR_DEEPL_KEY: DeepL's service;
- NASHR_MACHINE_TRANSLATOR_TIMEOUT: seconds to wait for an answer (10).
"""

import requests
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from wagtail_localize.machine_translators.libretranslate import LibreTranslator
from wagtail_localize.strings import StringValue

TRANSLATORS = ("libretranslate", "deepl")


def translator_setting(env):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR from the environment: None (off) unless one is named."""
    name = env.get("NASHR_MACHINE_TRANSLATOR", "").strip().lower()
    if not name:
        return None
    try:
        timeout = float(env.get("NASHR_MACHINE_TRANSLATOR_TIMEOUT", "10"))
    except ValueError:
        raise ImproperlyConfigured("NASHR_MACHINE_TRANSLATOR_TIMEOUT should be a number of seconds") from None
    if name == "libretranslate":
        url = env.get("NASHR_LIBRETRANSLATE_URL", "").strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(
                "NASHR_MACHINE_TRANSLATOR=libretranslate needs NASHR_LIBRETRANSLATE_URL, the server's "
                "address, e.g. http://127.0.0.1:5000"
            )
        options = {
            "LIBRETRANSLATE_URL": url,
            "API_KEY": env.get("NASHR_LIBRETRANSLATE_KEY", ""),
            "TIMEOUT": timeout,
        }
        return {"CLASS": "nashr.editions.machine.LibreTranslate", "OPTIONS": options}
    if name == "deepl":
        key = env.get("NASHR_DEEPL_KEY", "").strip()
        if not key:
            raise ImproperlyConfigured(
                "NASHR_MACHINE_TRANSLATOR=deepl needs NASHR_DEEPL_KEY, the account's key"
            )
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": key, "TIMEOUT": timeout},
        }
    raise ImproperlyConfigured(
        f"NASHR_MACHINE_TRANSLATOR={name!r}: choose one of {', '.join(TRANSLATORS)}, or leave it empty (off)"
    )


class MachineTranslationError(Exception):
    """The translator could not translate; the message says why, for the person translating."""


class LibreTranslate(LibreTranslator):
    """wagtail-localize's LibreTranslate client, its failures told in words a translator can act on."""

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        url = self.get_api_endpoint() + "/translate"
        payload = {
            "q": [string.data for string in strings],
            "source": self.language_code(source_locale.language_code),
            "target": self.language_code(target_locale.language_code),
            "format": "html",  # keeps the tags and the placeholders (<a id="a1">) of rich text
        }
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        try:
            response = requests.post(url, json=payload, timeout=self.get_timeout())
        except requests.RequestException:
            raise MachineTranslationError(
                _(
                    "The translation server at %(url)s could not be reached. "
                    "Try again later, or translate by hand."
                )
                % {"url": self.get_api_endpoint()}
            ) from None
        translated = self.read(response)
        if not isinstance(translated, list) or len(translated) != len(strings):
            raise MachineTranslationError(_("The translation server's answer could not be read."))
        return {string: StringValue(text) for string, text in zip(strings, translated, strict=True)}

    def read(self, response):
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code != 200:
            raise MachineTranslationError(
                _("The translation server refused (%(status)s): %(reason)s")
                % {"status": response.status_code, "reason": body.get("error") or response.reason}
            )
        return body.get("translatedText")
