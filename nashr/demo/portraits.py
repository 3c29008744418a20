"""Authors' portraits for the demo: an illustrated head and shoulders, the same every time for an author's
key, with skin, hair (style and colour), clothes, background and glasses chosen by that key."""

import random

from PIL import Image, ImageDraw

from . import scenery as s
from .pictures import jpeg

SIZE = 480
SKIN = [(246, 214, 186), (232, 190, 150), (206, 150, 110), (160, 104, 70), (112, 72, 48), (84, 54, 38)]
HAIR = [(30, 24, 22), (70, 44, 30), (120, 80, 44), (190, 150, 90), (150, 60, 36), (170, 170, 170)]
CLOTHES = [
    (44, 74, 120),
    (150, 50, 56),
    (60, 110, 90),
    (200, 150, 60),
    (90, 70, 130),
    (60, 60, 66),
    (220, 220, 214),
]
BACKGROUNDS = [(214, 228, 236), (240, 226, 204), (222, 236, 214), (236, 214, 220), (226, 222, 240)]
STYLES = ["short", "long", "bun", "curly", "bald", "scarf"]


def _hair_back(d, style, colour, cx, cy, r):
    if style == "long":
        d.rounded_rectangle(
            [cx - r * 1.15, cy - r * 1.1, cx + r * 1.15, cy + r * 1.7], radius=int(r), fill=colour
        )
    elif style == "curly":
        for dx in range(-3, 4):
            for dy in range(-3, 1):
                d.ellipse(
                    [
                        cx + dx * r * 0.33 - r * 0.4,
                        cy + dy * r * 0.3 - r * 0.5,
                        cx + dx * r * 0.33 + r * 0.4,
                        cy + dy * r * 0.3 + r * 0.3,
                    ],
                    fill=colour,
                )
    elif style == "bun":
        d.ellipse([cx - r * 0.45, cy - r * 1.75, cx + r * 0.45, cy - r * 0.9], fill=colour)
    elif style == "scarf":
        d.ellipse([cx - r * 1.3, cy - r * 1.3, cx + r * 1.3, cy + r * 1.25], fill=colour)
        d.polygon(
            [
                (cx - r * 1.25, cy + r * 0.2),
                (cx + r * 1.25, cy + r * 0.2),
                (cx + r * 1.6, cy + r * 2.4),
                (cx - r * 1.6, cy + r * 2.4),
            ],
            fill=colour,
        )


def _hair_front(d, style, colour, cx, cy, r):
    if style in ("short", "long", "bun", "curly"):
        d.chord([cx - r * 1.02, cy - r * 1.15, cx + r * 1.02, cy + r * 0.55], 180, 360, fill=colour)
        if style == "short":
            d.rectangle([cx - r * 1.0, cy - r * 0.35, cx - r * 0.8, cy + r * 0.1], fill=colour)
            d.rectangle([cx + r * 0.8, cy - r * 0.35, cx + r * 1.0, cy + r * 0.1], fill=colour)
    elif style == "bald":
        d.chord([cx - r * 1.02, cy - r * 0.6, cx + r * 1.02, cy + r * 0.3], 160, 200, fill=colour)
        d.chord([cx - r * 1.02, cy - r * 0.6, cx + r * 1.02, cy + r * 0.3], 340, 20, fill=colour)
        d.chord([cx - r * 0.8, cy + r * 0.2, cx + r * 0.8, cy + r * 1.25], 0, 180, fill=colour)  # a beard


def draw(key):
    """JPEG bytes of the portrait for the author `key`."""
    rnd = random.Random(f"portrait/{key}")
    skin, hair, clothes = rnd.choice(SKIN), rnd.choice(HAIR), rnd.choice(CLOTHES)
    style = STYLES[rnd.randrange(len(STYLES))]
    image = Image.new("RGB", (SIZE, SIZE))
    background = rnd.choice(BACKGROUNDS)
    s.gradient(image, s.mix(background, (255, 255, 255), 0.4), s.shade(background, 0.88))
    d = ImageDraw.Draw(image)
    cx, cy, r = SIZE // 2 + rnd.randint(-10, 10), 200 + rnd.randint(-8, 8), 84 + rnd.randint(-6, 8)
    scarf = s.vary(rnd, clothes, 30) if style == "scarf" else None
    _hair_back(d, style, scarf or hair, cx, cy, r)
    # Shoulders, collar and neck.
    d.rounded_rectangle([cx - 190, cy + r * 1.45, cx + 190, SIZE + 80], radius=120, fill=clothes)
    d.polygon(
        [(cx - 46, cy + r * 1.45), (cx + 46, cy + r * 1.45), (cx, cy + r * 2.1)], fill=s.shade(clothes, 0.75)
    )
    d.rectangle([cx - r * 0.38, cy + r * 0.6, cx + r * 0.38, cy + r * 1.5], fill=s.shade(skin, 0.9))
    d.polygon(
        [(cx - r * 0.38, cy + r * 1.45), (cx + r * 0.38, cy + r * 1.45), (cx, cy + r * 1.95)],
        fill=s.shade(skin, 0.9),
    )
    if scarf:
        d.ellipse([cx - r * 1.1, cy - r * 1.1, cx + r * 1.1, cy + r * 1.2], fill=scarf)
    # Ears, face, features.
    for side in (-1, 1):
        d.ellipse(
            [cx + side * r * 0.95 - r * 0.18, cy - r * 0.15, cx + side * r * 0.95 + r * 0.18, cy + r * 0.35],
            fill=skin,
        )
    d.ellipse([cx - r * 0.9, cy - r * 1.05, cx + r * 0.9, cy + r * 1.05], fill=skin)
    _hair_front(d, style, hair, cx, cy, r)
    eye_y = cy - r * 0.05
    for side in (-1, 1):
        ex = cx + side * r * 0.36
        d.ellipse([ex - 8, eye_y - 8, ex + 8, eye_y + 8], fill=(40, 34, 30))
        d.line([(ex - 18, eye_y - 26), (ex + 16, eye_y - 30 + side * 2)], fill=s.shade(hair, 0.9), width=6)
    if rnd.random() < 0.35:
        for side in (-1, 1):
            ex = cx + side * r * 0.36
            d.ellipse([ex - 26, eye_y - 22, ex + 26, eye_y + 22], outline=(40, 40, 46), width=5)
        d.line([(cx - r * 0.36 + 26, eye_y), (cx + r * 0.36 - 26, eye_y)], fill=(40, 40, 46), width=5)
    d.line(
        [(cx, eye_y + 12), (cx - 8, cy + r * 0.35), (cx + 4, cy + r * 0.38)],
        fill=s.shade(skin, 0.75),
        width=4,
    )
    d.arc([cx - r * 0.35, cy + r * 0.3, cx + r * 0.35, cy + r * 0.7], 20, 160, fill=(150, 60, 60), width=6)
    return jpeg(image, quality=84)
