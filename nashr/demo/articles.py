"""The demo's articles (content/articles_shared.json in every edition, articles_local.json in one) and the
readers' comments on them (content/comments.json)."""

from django.utils.text import slugify
from wagtail.rich_text import RichText

from nashr.articles.models import ArticleAuthor, ArticlePage
from nashr.comments.models import Comment

from .common import EDITIONS, load, picture_of, publish
from .dates import original_date, published
from .translations import draft_of, localize, revise, same_block_ids


def shared_article(loader, story):
    """A story in every edition: the English article and its translations, made with wagtail-localize."""
    source, translated = None, False
    for lang in EDITIONS:
        text = story["editions"][lang]
        lead = _lead_image(loader, story, text, lang)
        if lang == "en":
            parent = loader.sections[("en", "articles")]
            if parent.get_children().filter(slug=story["key"]).exists():
                source = parent.get_children().get(slug=story["key"]).specific
                continue
            page = ArticlePage(slug=story["key"], **_fields(loader, story, text, lang, lead))
            page.body = _body(loader, story["key"], text["body"], lang)
            parent.add_child(instance=page)
        else:
            if source.get_translation_or_none(loader.locales[lang]):
                continue
            fields = _fields(loader, story, text, lang, lead)
            draft = draft_of(source, **fields, body=_body(loader, story["key"], text["body"], lang))
            same_block_ids(source.body, draft.body)
            page = localize(source, loader.locales[lang], draft).specific
            for name, value in [*fields.items(), ("body", draft.body)]:
                setattr(page, name, value)
        _finish(loader, page, story, lang, story["tags"][lang], page.body)
        loader.created += 1
        translated = translated or lang != "en"
        source = source or page
    if translated and story.get("revised"):
        revise(source, story["revised"])


def local_article(loader, story):
    """A story in its one edition."""
    lang = story["edition"]
    parent = loader.sections[(lang, "articles")]
    slug = slugify(story["title"], allow_unicode=True)[:80].strip("-") or story["key"]
    if parent.get_children().filter(slug=slug).exists():
        return
    lead = _lead_image(loader, story, story, lang)
    page = ArticlePage(slug=slug, locale=loader.locales[lang], **_fields(loader, story, story, lang, lead))
    parent.add_child(instance=page)
    _finish(loader, page, story, lang, story["tags"], _body(loader, story["key"], story["body"], lang))
    loader.created += 1


def load_comments(loader):
    for item in load("comments.json"):
        section = loader.sections[(item["edition"], "articles")]
        article = ArticlePage.objects.child_of(section).get(slug=item["story"])
        _, created = Comment.objects.get_or_create(
            page=article, name=item["name"], body=item["body"], defaults={"status": item["status"]}
        )
        loader.created += created


def _lead_image(loader, story, text, lang):
    caption = text["lead_caption"]
    credit = loader.credit("nashr", lang)
    return loader.image(story["key"], picture_of(story), caption, caption=caption, credit=credit, lang=lang)


def _body(loader, story_key, blocks, lang):
    """The article's StreamField value from the content's blocks, with a picture per image block."""
    stream = []
    for index, block in enumerate(blocks):
        key = f"{story_key}-{index}"
        if block["type"] == "paragraph":
            stream.append(("paragraph", RichText(f"<p>{block['text']}</p>")))
        elif block["type"] == "quote":
            stream.append(("quote", {"text": block["text"], "attribution": block.get("attribution", "")}))
        elif block["type"] == "image":
            stream.append(("image", _picture(loader, key, block, lang)))
        elif block["type"] == "embed":
            thumbnail = loader.image(key, picture_of(block), block["title"])
            value = {"url": block["url"], "title": block["title"], "provider": block.get("provider", "")}
            stream.append(("embed", {**value, "thumbnail": thumbnail}))
        elif block["type"] == "gallery":
            images = [_picture(loader, f"{key}-{i}", item, lang) for i, item in enumerate(block["images"])]
            stream.append(("gallery", {"images": images}))
        else:
            raise ValueError(f"{story_key}: unknown block type {block['type']!r}")
    return stream


def _picture(loader, key, item, lang):
    """An image block's (or a gallery block's image's) value: the picture and its caption in `lang`."""
    caption = item["caption"]
    image = loader.image(key, picture_of(item), caption, caption=caption, lang=lang)
    return {"image": image, "caption": caption, "alt_text": ""}


def _fields(loader, story, text, lang, lead):
    fields = {
        "title": text["title"],
        "summary": text["summary"],
        "published_at": published(story),
        "lead_image": lead,
        "lead_caption": text.get("lead_caption", ""),
    }
    provenance = story.get("provenance")
    if provenance:
        fields |= {
            "original_title": provenance["title"],
            "original_publication": provenance["publication"],
            "original_url": provenance["url"],
            "original_language": provenance["language"],
            "original_published_at": original_date(provenance, fields["published_at"]),
            "translator": loader.person(lang, provenance["translator"]),
        }
    return fields


def _finish(loader, page, story, lang, tags, body):
    """Links in the edition's own language: categories, authors, tags; then publish."""
    page.body = body  # the local article's, or the translation's as wagtail-localize made it
    keys = [story["category"]] + ([story["extra_category"]] if story.get("extra_category") else [])
    page.categories.set([loader.categories[(lang, k)] for k in keys])
    page.article_authors.set(
        [
            ArticleAuthor(person=loader.person(lang, key), sort_order=i)
            for i, key in enumerate(story["authors"])
        ]
    )
    page.tags.set(tags, clear=True)
    page.save()
    publish(page)
