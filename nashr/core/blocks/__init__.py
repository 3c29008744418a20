from .body import BodyBlock, CaptionedImageBlock, EmbedBlock, GalleryBlock, QuoteBlock, videos_in

__all__ = ["BodyBlock", "CaptionedImageBlock", "EmbedBlock", "GalleryBlock", "QuoteBlock", "videos_in"]
