"""The translation editor's machine translation: one segment at a time, and the whole page with errors told.

- `translate_segment` answers the "Machine translate" button that nashr/editions/static/editions/js/
  content_direction.js adds to each text segment: JSON with the suggested text, which the script puts in
  the segment's box for the translator to read, correct and save. Nothing is saved here.
- `translate_page` stands in for wagtail-localize's "Translate with ..." action at the same address, so
  that a server that is down or refuses says so instead of failing the request.

Both check that the user may edit the translation in its edition (nashr/users/localize.py).
"""

import requests
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.views.edit_translation import apply_machine_translation

from nashr.editions.machine import MachineTranslationError
from nashr.users.localize import user_can_edit_instance


def _refusal(message, status):
    return JsonResponse({"error": message}, status=status)


@require_POST
def translate_segment(request, translation_id, segment_id):
    translator = get_machine_translator()
    if translator is None:
        return _refusal(_("Machine translation is not set up on this site."), 501)
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"), pk=translation_id
    )
    segment = (
        StringSegment.objects.select_related("string")
        .filter(pk=segment_id, source=translation.source)
        .first()
    )
    if segment is None:  # a 404 would be redirected to an edition's address (LocaleMiddleware)
        return _refusal(_("This text is not part of this translation."), 400)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        return _refusal(_("You may not edit this translation."), 403)
    source_locale, target_locale = translation.source.locale, translation.target_locale
    if not translator.can_translate(source_locale, target_locale):
        return _refusal(
            _("%(translator)s cannot translate from %(source)s into %(target)s.")
            % {
                "translator": translator.display_name,
                "source": source_locale.get_display_name(),
                "target": target_locale.get_display_name(),
            },
            400,
        )
    value = segment.string.as_value()
    try:
        text = translator.translate(source_locale, target_locale, [value])[value].data
    except MachineTranslationError as error:
        return _refusal(str(error), 502)
    except requests.RequestException:
        return _refusal(
            _("%(translator)s did not answer. Try again later, or translate by hand.")
            % {"translator": translator.display_name},
            502,
        )
    return JsonResponse({"text": text, "translator": translator.display_name})


@require_POST
def translate_page(request, translation_id):
    """wagtail-localize's whole-page action, with the translator's failures shown as an error message."""
    translator = get_machine_translator()
    translation = get_object_or_404(Translation, pk=translation_id)
    if translator is None:
        return _refusal(_("Machine translation is not set up on this site."), 501)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied  # a form's button: the admin's own refusal
    try:
        done = apply_machine_translation(translation_id, request.user, translator)
    except (MachineTranslationError, requests.RequestException) as error:
        message = (
            str(error)
            if isinstance(error, MachineTranslationError)
            else _("%(translator)s did not answer.") % {"translator": translator.display_name}
        )
        messages.error(request, message)
    else:
        if done:
            messages.success(
                request,
                _("Translated with %(translator)s: read every segment before publishing.")
                % {"translator": translator.display_name},
            )
        else:
            messages.warning(request, _("There isn't anything left to translate."))
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
