from .body import (
    BodyBlock,
    CaptionedImageBlock,
    EmbedBlock,
    GalleryBlock,
    QuoteBlock,
    compact,
    fetch_posters,
    images_in,
    videos_in,
)

__all__ = [
    "BodyBlock",
    "CaptionedImageBlock",
    "EmbedBlock",
    "GalleryBlock",
    "QuoteBlock",
    "compact",
    "fetch_posters",
    "images_in",
    "videos_in",
]
