"""Book covers for the demo, one per book and edition: the title and author in the edition's script and
direction, a coloured band, the book's motif (a scene from demo/scenes.py in a frame), the publisher.

Persian and Arabic need text shaping: Pillow's layout engine (libraqm, bundled with Pillow's wheels) with
DejaVu Sans, the font the demo PDFs use (demo/documents.py). Without either, the cover carries the English
title and author, as the PDFs do.
"""

import random

from PIL import Image, ImageDraw, ImageFont, features

from . import scenery
from .documents import FONT_CANDIDATES
from .pictures import jpeg, spec_of
from .scenes import compose

SIZE = (800, 1200)
MARGIN = 60
# (background, band, text on the background, text on the band)
PALETTES = [
    ((28, 46, 74), (214, 160, 62), (244, 236, 220), (28, 46, 74)),
    ((236, 228, 210), (150, 44, 52), (40, 36, 34), (250, 244, 232)),
    ((46, 84, 70), (236, 210, 150), (246, 240, 226), (46, 60, 52)),
    ((120, 42, 48), (244, 226, 196), (250, 240, 224), (90, 30, 36)),
    ((240, 214, 120), (34, 58, 96), (34, 40, 56), (246, 236, 210)),
]


def shaping():
    """Whether Pillow can lay out Persian and Arabic (libraqm)."""
    return features.check("raqm")


def _font(size, bold=True):
    regular = next((p for p in FONT_CANDIDATES if p.exists()), None)
    if regular is None:
        return ImageFont.load_default(size)
    path = regular.with_name("DejaVuSans-Bold.ttf") if bold else regular
    return ImageFont.truetype(str(path if path.exists() else regular), size)


def _lines(text, font, width, direction):
    """`text` broken into lines no wider than `width`."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate, direction=direction) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _block(d, text, top, size, colour, rtl, lang, bold=True, max_lines=4):
    """Draws `text` as a block of lines from row `top`, aligned to the edition's start; returns its bottom."""
    direction = "rtl" if rtl else "ltr"
    options = {"direction": direction, "language": lang} if shaping() else {}
    font = _font(size, bold)
    lines = _lines(text, font, SIZE[0] - 2 * MARGIN, direction if shaping() else None)
    while len(lines) > max_lines and size > 24:  # a long title: a smaller size
        size -= 6
        font = _font(size, bold)
        lines = _lines(text, font, SIZE[0] - 2 * MARGIN, direction if shaping() else None)
    x, anchor = (SIZE[0] - MARGIN, "ra") if rtl else (MARGIN, "la")
    for line in lines:
        d.text((x, top), line, font=font, fill=colour, anchor=anchor, **options)
        top += int(size * 1.35)
    return top


def draw(key, texts, lang, picture, rtl=False, fallback=None):
    """JPEG bytes of the cover of book `key` (the same colours and picture in every edition); `texts` and
    `fallback` (English, used without shaping) are (title, subtitle, author, publisher)."""
    title, subtitle, author, publisher = texts
    if rtl and not shaping():
        title, subtitle, author, publisher = fallback or texts
        rtl, lang = False, "en"
    rnd = random.Random(key)
    background, band, ink, band_ink = PALETTES[rnd.randrange(len(PALETTES))]
    cover = Image.new("RGB", SIZE, background)
    d = ImageDraw.Draw(cover)
    d.rectangle(
        [0, 0, 24, SIZE[1]] if not rtl else [SIZE[0] - 24, 0, SIZE[0], SIZE[1]], fill=band
    )  # the spine
    bottom = _block(d, title, MARGIN + 10, 76, ink, rtl, lang, max_lines=3)
    bottom = _block(
        d, subtitle, bottom + 14, 32, scenery.mix(ink, background, 0.2), rtl, lang, bold=False, max_lines=2
    )
    # The motif: the book's scene in a frame between the title and the band.
    frame_top, frame_bottom = max(bottom + 40, 330), SIZE[1] - 290
    scene = compose(spec_of(picture), key)
    height = frame_bottom - frame_top
    width = SIZE[0] - 2 * MARGIN
    crop_width = int(scene.height * width / height)
    left = rnd.randint(0, max(0, scene.width - crop_width))
    art = scene.crop((left, 0, left + crop_width, scene.height)).resize((width, height))
    cover.paste(art, (MARGIN, frame_top))
    d.rectangle([MARGIN, frame_top, MARGIN + width, frame_bottom], outline=band, width=8)
    d.rectangle([0, SIZE[1] - 250, SIZE[0], SIZE[1] - 110], fill=band)
    _block(d, author, SIZE[1] - 215, 44, band_ink, rtl, lang, bold=False, max_lines=2)
    _block(
        d, publisher, SIZE[1] - 85, 28, scenery.mix(ink, background, 0.25), rtl, lang, bold=False, max_lines=1
    )
    return jpeg(cover, quality=86)
