from .body import BodyBlock, CaptionedImageBlock, EmbedBlock, GalleryBlock, QuoteBlock

__all__ = ["BodyBlock", "CaptionedImageBlock", "EmbedBlock", "GalleryBlock", "QuoteBlock"]
