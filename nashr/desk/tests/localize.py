"""Translations made as the translation editor makes them: a TranslationSource, strings, a published copy."""

from wagtail.models import Locale
from wagtail_localize.models import String, StringSegment, StringTranslation, Translation, TranslationSource


def translate_with_localize(instance, language, strings=None):
    """Translates `instance` into `language` through wagtail-localize and returns the published copy.

    `strings` maps source strings to their translations; a string it does not name is kept as it is.
    """
    locale = Locale.objects.get(language_code=language)
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = (strings or {}).get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": String.from_value(locale, _value(text)).data},
            )
    translation.save_target(publish=True)
    return instance.get_translation(locale)


def _value(text):
    from wagtail_localize.strings import StringValue

    return StringValue.from_plaintext(text)
