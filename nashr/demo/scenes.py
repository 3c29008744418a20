"""The demo's scenes: what a story's picture shows, composed from demo/scenery.py's parts.

A picture is described in the content JSON as {"scene": "sea", "time": "dusk", "seed": 3}: the scene's kind,
the time of day (its sky and light, scenery.SKIES) and a seed that moves everything else (where the sun is,
how many boats, which colours). `compose()` draws it; demo/pictures.py turns it into a JPEG.
"""

import random

from PIL import Image, ImageDraw

from . import landscapes, places
from . import scenery as s
from .scenery import H, W

SCENES = {
    "sea": landscapes.sea,
    "lake": landscapes.lake,
    "city": landscapes.city,
    "street": landscapes.street,
    "market": landscapes.market,
    "fields": landscapes.fields,
    "orchard": landscapes.orchard,
    "garden": landscapes.garden,
    "forest": landscapes.forest,
    "mountains": landscapes.mountains,
    "snow": landscapes.snowy,
    "rain": landscapes.rainy,
    "river": landscapes.river,
    "night_sky": landscapes.night_sky,
    "dome": places.dome,
    "stage": places.stage,
    "pitch": places.pitch,
    "court": places.court,
    "shelves": places.shelves,
    "classroom": places.classroom,
    "solar": landscapes.solar,
    "dunes": landscapes.dunes,
    "kitchen": places.kitchen,
    "board": places.board,
    "map": places.old_map,
    "mural": places.mural,
    "train": landscapes.train,
    "wetland": landscapes.wetland,
}


def compose(spec, key):
    """The picture `spec` describes ({"scene", "time", "seed"}), as a Pillow image; `key` seeds it too."""
    scene = spec["scene"]
    if scene not in SCENES:
        raise ValueError(f"{key}: unknown scene {scene!r} (known: {', '.join(sorted(SCENES))})")
    time = spec.get("time", "day")
    if time not in s.SKIES:
        raise ValueError(f"{key}: unknown time of day {time!r}")
    rnd = random.Random(f"{key}/{scene}/{time}/{spec.get('seed', 0)}")
    image = Image.new("RGB", (W, H), s.SKIES[time][1])
    SCENES[scene](image, ImageDraw.Draw(image), rnd, time)
    return image
