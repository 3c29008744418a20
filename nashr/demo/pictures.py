"""Demo pictures drawn locally with Pillow, the same every time for a key.

A story's picture is described in the content JSON (`"picture": {"scene": "sea", "time": "dusk", "seed": 3}`,
see demo/scenes.py); older entries name a motif ("sea", "ball"...), drawn as that motif's scene. Book covers
are demo/covers.py, authors' portraits demo/portraits.py.
"""

import io

from .scenes import compose

# A motif (the demo's first, shorter descriptions, still used by generate.py) -> the scene that shows it.
MOTIFS = {
    "books": {"scene": "shelves"},
    "sun": {"scene": "street", "time": "day"},
    "rain": {"scene": "rain", "time": "overcast"},
    "snow": {"scene": "snow", "time": "morning"},
    "ball": {"scene": "pitch"},
    "music": {"scene": "stage"},
    "mountain": {"scene": "mountains"},
    "sea": {"scene": "sea"},
    "city": {"scene": "city", "time": "dusk"},
    "leaf": {"scene": "garden", "time": "morning"},
    "star": {"scene": "night_sky", "time": "night"},
    "bridge": {"scene": "river"},
}


def spec_of(picture):
    """The scene description for `picture`: a dict as in the content JSON, or a motif's name."""
    if isinstance(picture, dict):
        return picture
    if picture not in MOTIFS:
        raise ValueError(f"unknown motif {picture!r} (known: {', '.join(sorted(MOTIFS))})")
    return MOTIFS[picture]


def jpeg(image, quality=82):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def draw(key, picture):
    """JPEG bytes of the picture described by `picture` (a scene description or a motif), seeded by `key`."""
    return jpeg(compose(spec_of(picture), key))
