from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.core.tests.factories import add_section, build_editions, days_ago


def small_site():
    """Four editions, an English Articles section with a tagged, categorised, signed article and four
    older ones (two listing pages at NASHR_PAGE_SIZE=2); returns (homes, section, article)."""
    homes = build_editions()
    section = add_section(homes["en"], "Articles")
    article = make_article(
        section,
        "Book fair opens",
        categories=[CategoryFactory(slug="culture")],
        tags=["books"],
        authors=[PersonFactory(slug="ana")],
    )
    for day in range(1, 5):
        make_article(section, f"Weather day {day}", published_at=days_ago(day))
    return homes, section, article
