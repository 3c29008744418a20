"""The demo's media (content/media_and_pages.json): galleries, videos, cartoons and news pictures, each in
every edition, the translations sharing the English piece's pictures with their texts in each edition."""

from django.utils.dateparse import parse_duration

from nashr.multimedia.models import GalleryImage, GalleryPage, ImagePostPage, VideoPage

from .common import picture_of, publish
from .dates import published


def load_media(loader):
    for gallery in loader.media["galleries"]:
        load_gallery(loader, gallery)
    for video in loader.media["videos"]:
        load_video(loader, video)
    for post in loader.media["image_posts"]:
        load_image_post(loader, post)


def post_fields(item, lang, lead_image, summary=None):
    """What every piece of media says in `lang`: its title, summary, date and lead picture."""
    return {
        "title": item["title"][lang],
        "summary": (summary or item["summary"])[lang],
        "published_at": published(item),
        "lead_image": lead_image,
    }


def load_gallery(loader, gallery):
    images = [
        loader.image_in_editions(f"{gallery['key']}-{i}", picture_of(item), item["caption"], item["credit"])
        for i, item in enumerate(gallery["images"])
    ]

    def gallery_images(page, lang):
        wanted = [
            (img.pk, item["caption"][lang]) for img, item in zip(images, gallery["images"], strict=True)
        ]
        if [(gi.image_id, gi.caption) for gi in page.gallery_images.all()] == wanted:
            return  # already done; a new translation starts with its source's captions
        page.gallery_images.set(
            [
                GalleryImage(image_id=pk, caption=caption, sort_order=i)
                for i, (pk, caption) in enumerate(wanted)
            ]
        )
        page.save()
        publish(page)

    loader.translated_set(
        "galleries",
        gallery["key"],
        GalleryPage,
        lambda lang: post_fields(gallery, lang, images[0]),
        after=gallery_images,
    )


def load_video(loader, video):
    """A video in every edition: hosted by us (an example address), or elsewhere at its "url"."""
    poster = loader.image_in_editions(video["key"], picture_of(video), credit="nashr")
    url = video.get("url") or f"https://video.example.org/watch/{video['key']}"
    duration = parse_duration(video["duration"]) if video.get("duration") else None
    loader.translated_set(
        "videos",
        video["key"],
        VideoPage,
        lambda lang: (
            post_fields(video, lang, poster)
            | {"transcript": video["transcript"][lang], "external_url": url, "duration": duration}
        ),
    )


def load_image_post(loader, post):
    """A cartoon or a news picture in every edition."""
    picture = loader.image_in_editions(post["key"], picture_of(post), post["caption"], post["credit"])
    section = "cartoons" if post["kind"] == "cartoon" else "news_pictures"
    loader.translated_set(
        section,
        post["key"],
        ImagePostPage,
        lambda lang: (
            post_fields(post, lang, picture, summary=post["caption"])
            | {
                "kind": post["kind"],
                "lead_caption": post["caption"][lang],
                "description": post["caption"][lang],
            }
        ),
    )
