"""Demo pictures drawn locally with Pillow: an abstract scene per motif, the same every time for a key."""

import hashlib
import io
import math
import random

from PIL import Image, ImageDraw

PALETTES = {
    "books": [(120, 72, 40), (230, 210, 170), (70, 110, 90), (180, 60, 50)],
    "sun": [(250, 200, 80), (240, 130, 60), (100, 160, 220), (255, 240, 200)],
    "rain": [(70, 90, 120), (140, 160, 180), (40, 50, 70), (200, 210, 220)],
    "snow": [(120, 140, 175), (215, 225, 238), (70, 90, 125), (150, 165, 195)],
    "ball": [(60, 140, 70), (240, 240, 240), (30, 80, 40), (200, 60, 60)],
    "music": [(90, 40, 120), (230, 180, 60), (30, 20, 50), (200, 120, 200)],
    "mountain": [(90, 110, 140), (200, 210, 230), (60, 80, 70), (240, 240, 250)],
    "sea": [(20, 90, 140), (90, 170, 200), (240, 220, 170), (10, 50, 90)],
    "city": [(60, 60, 80), (230, 170, 90), (120, 120, 140), (30, 30, 40)],
    "leaf": [(190, 110, 30), (230, 180, 60), (120, 60, 20), (90, 120, 50)],
    "star": [(15, 20, 50), (250, 240, 180), (60, 50, 110), (200, 200, 255)],
    "bridge": [(120, 130, 150), (200, 120, 80), (60, 70, 90), (230, 220, 200)],
}


def _rng(key):
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:12], 16))


def draw(key, motif, size=(1200, 675)):
    """JPEG bytes of an abstract picture for `motif`; deterministic for `key`."""
    rnd = _rng(key)
    palette = PALETTES.get(motif, PALETTES["city"])
    width, height = size
    img = Image.new("RGB", size, palette[0])
    d = ImageDraw.Draw(img)
    top, bottom = palette[0], palette[1]
    for y in range(height):
        t = y / height
        d.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    if motif in ("sun", "star", "ball"):
        for _ in range(1 if motif != "star" else 40):
            r = rnd.randint(120, 220) if motif != "star" else rnd.randint(3, 9)
            x, y = (
                rnd.randint(r, width - r),
                rnd.randint(r, height // 2 if motif != "ball" else height - r),
            )
            d.ellipse([x - r, y - r, x + r, y + r], fill=palette[2] if motif == "ball" else palette[3])
    if motif in ("mountain", "snow"):
        for layer in range(3):
            base = height - layer * 120
            points = [(0, height)]
            for x in range(0, width + 200, 200):
                points.append((x, base - rnd.randint(150, 420)))
            points.append((width, height))
            d.polygon(points, fill=palette[2 + layer % 2])
    if motif in ("rain", "snow"):
        for _ in range(400):
            x, y = rnd.randint(0, width), rnd.randint(0, height)
            if motif == "rain":
                d.line([(x, y), (x - 12, y + 40)], fill=palette[3], width=2)
            else:
                d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=(255, 255, 255))
    if motif in ("sea", "music"):
        for i in range(12):
            amp, phase, y0 = rnd.randint(10, 40), rnd.random() * 6, height * (0.4 + i * 0.05)
            points = [(x, y0 + amp * math.sin(x / 90 + phase)) for x in range(0, width + 20, 20)]
            d.line(points, fill=palette[2 + i % 2], width=6)
    if motif in ("city", "books", "bridge"):
        x = 0
        while x < width:
            w, h = rnd.randint(60, 160), rnd.randint(200, 600)
            d.rectangle([x, height - h, x + w, height], fill=palette[2 + rnd.randint(0, 1)])
            x += w + rnd.randint(4, 20)
        if motif == "bridge":
            d.arc(
                [100, height // 2, width - 100, height + height // 2],
                180,
                360,
                fill=palette[3],
                width=30,
            )
    if motif == "leaf":
        for _ in range(60):
            x, y, r = rnd.randint(0, width), rnd.randint(0, height), rnd.randint(20, 60)
            d.ellipse([x - r, y - r // 2, x + r, y + r // 2], fill=palette[rnd.randint(0, 3)])
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()
