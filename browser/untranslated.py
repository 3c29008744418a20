"""Translates the newest English article that the Farsi edition lacks into Farsi, as Translate does in the
admin (a draft there, untranslated); prints its title and English address as JSON for the suite's check.

Run inside the demo site's environment:
`DJANGO_SETTINGS_MODULE=browser.settings python -m browser.untranslated`.
"""

import json
import sys


def main():
    import django

    django.setup()
    from wagtail.models import Locale, Page
    from wagtail_localize.operations import translate_object

    from nashr.articles.models import ArticlePage

    fa = Locale.objects.get(language_code="fa")
    in_farsi = Page.objects.live().filter(locale=fa).values("translation_key")
    article = (
        ArticlePage.objects.live()
        .public()
        .filter(locale__language_code="en")
        .exclude(translation_key__in=in_farsi)
        .order_by("-published_at")
        .first()
    )
    translate_object(article, [fa])
    json.dump({"title": article.title, "url": article.url}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
