"""Finds the address of every page in `PAGES` in every edition of the demo content; prints them as JSON.

Run inside the demo site's environment: `DJANGO_SETTINGS_MODULE=browser.settings python -m browser.resolve`.
"""

import json
import sys


def editions_of(rows, key):
    """{edition: url} for the first group of rows (grouped by `key`) present in every edition."""
    from nashr.editions.editions import all_editions

    codes = {edition.code for edition in all_editions()}
    groups = {}
    for language, group, url in rows:
        groups.setdefault(group, {})[language] = url
    for urls in groups.values():
        if set(urls) == codes:
            return urls
    raise LookupError(f"no {key} is published in every edition ({', '.join(sorted(codes))})")


def live_pages(model, filters):
    return model.objects.live().public().filter(**filters).order_by("path").select_related("locale")


def resolve(page):
    from django.apps import apps

    from nashr.editions.editions import all_editions
    from nashr.editions.urls import edition_url

    codes = [edition.code for edition in all_editions()]
    if page.path is not None:
        paths = page.path if isinstance(page.path, dict) else dict.fromkeys(codes, page.path)
        urls = {code: edition_url(code, paths[code]) for code in codes}
    elif page.model:
        rows = live_pages(apps.get_model(page.model), page.filters)
        urls = editions_of(((p.locale.language_code, p.translation_key, p.url) for p in rows), page.model)
    elif page.snippet:
        model = apps.get_model(page.snippet)
        rows = model.objects.filter(**page.filters).order_by("pk").select_related("locale")
        urls = editions_of(
            ((o.locale.language_code, o.translation_key, o.get_absolute_url()) for o in rows), page.snippet
        )
    elif page.tag_of:
        rows = []
        for post in live_pages(apps.get_model(page.tag_of), page.filters):
            tag = post.tags.order_by("pk").first()
            if tag is not None:
                url = edition_url(post.locale.language_code, f"tag/{tag.slug}/")
                rows.append((post.locale.language_code, post.translation_key, url))
        urls = editions_of(rows, f"tag of a {page.tag_of}")
    else:
        raise ValueError(f"page {page.name!r} says neither path, model, snippet nor tag_of")
    queries = page.query if isinstance(page.query, dict) else dict.fromkeys(codes, page.query)
    return {code: url + queries[code] for code, url in urls.items()}


def main():
    import django

    django.setup()
    from browser.pages import PAGES

    json.dump({page.name: resolve(page) for page in PAGES}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
