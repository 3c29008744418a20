import factory
from django.utils.text import slugify
from wagtail.models import Locale

from nashr.articles.models import ArticleAuthor, ArticlePage, Category
from nashr.core.tests.factories import add_section, build_editions, publish, translate
from nashr.people.models import Person


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Category


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.Sequence(lambda n: f"writer-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Person


def make_article(
    section, title, *, published_at=None, categories=(), tags=(), authors=(), live=True, **fields
):
    """An article under `section` in the section's edition, published unless live=False."""
    page = ArticlePage(
        title=title, slug=fields.pop("slug", None) or slugify(title, allow_unicode=True), **fields
    )
    if published_at is not None:
        page.published_at = published_at
    section.add_child(instance=page)
    page.categories.set(categories)
    page.tags.set(list(tags))
    page.article_authors.set([ArticleAuthor(person=p, sort_order=i) for i, p in enumerate(authors)])
    page.save()
    if live:
        publish(page)
    else:
        page.save_revision()
        page.live = False
        page.save()
    return page


def articles_in_editions(cls):
    """On the test class `cls`: the four editions (`homes`), an Articles section in English and Farsi
    (`section`, `fa_section`) and a Culture category (`culture`)."""
    cls.homes = build_editions()
    cls.section = add_section(cls.homes["en"], "Articles")
    cls.fa_section = translate(cls.section, "fa", title="مقاله‌ها")
    cls.culture = CategoryFactory(name="Culture", slug="culture")
