"""The demo's outdoor scenes (see demo/scenes.py): sea, lakes, towns, fields, forests, mountains, weather."""

from . import scenery as s
from .scenery import CLOTHES, SKIN, H, W
from .scenery import land as _land
from .scenery import sky_with_light as _sky


def sea(img, d, rnd, time):
    horizon = rnd.randint(280, 360)
    _sky(img, d, rnd, time, horizon)
    top, bottom, _, _ = s.SKIES[time]
    deep = _land(time, s.vary(rnd, (24, 92, 140)))
    s.water(
        img,
        d,
        rnd,
        horizon,
        s.mix(deep, bottom, 0.3),
        s.shade(deep, 0.7),
        s.mix(bottom, (255, 255, 255), 0.4),
    )
    if rnd.random() < 0.6:
        s.hills(d, rnd, W, H, H - 60, 30, _land(time, (226, 204, 150)), 2)  # a beach
    for _ in range(rnd.randint(1, 3)):
        s.boat(
            d,
            rnd.randint(100, W - 100),
            horizon + rnd.randint(30, 140),
            rnd.randint(30, 60),
            (120, 70, 40),
            (245, 240, 228),
        )


def lake(img, d, rnd, time):
    horizon = rnd.randint(300, 360)
    _sky(img, d, rnd, time, horizon, cloud=2)
    s.mountains(d, rnd, W, horizon + 2, horizon, 160, _land(time, (92, 110, 130)), None)
    s.water(img, d, rnd, horizon, _land(time, (90, 150, 180)), _land(time, (40, 90, 120)), (220, 235, 245))
    for i in range(rnd.randint(4, 7)):
        sail = rnd.choice([(250, 250, 250), (230, 90, 70), (250, 200, 60), (80, 140, 210)])
        s.boat(
            d,
            80 + i * 170 + rnd.randint(-30, 30),
            horizon + rnd.randint(60, 220),
            rnd.randint(34, 54),
            (60, 60, 70),
            sail,
        )


def city(img, d, rnd, time):
    base = rnd.randint(540, 600)
    _sky(img, d, rnd, time, base)
    window = (255, 220, 140) if time in ("night", "dusk") else (200, 222, 238)
    s.skyline(d, rnd, W, base - 60, _land(time, (120, 128, 150)), window, 0.3, (180, 380))
    s.skyline(d, rnd, W, base, _land(time, (70, 74, 96)), window, 0.5 if time == "night" else 0.3, (90, 260))
    d.rectangle([0, base, W, H], fill=_land(time, (70, 70, 76)))
    for x in range(0, W, 120):
        d.rectangle([x, base + 34, x + 60, base + 40], fill=(230, 230, 220))


def street(img, d, rnd, time):
    """A street of low houses and trees, with people: a neighbourhood, a market, a town square."""
    base = rnd.randint(500, 560)
    _sky(img, d, rnd, time, base, cloud=2)
    walls = [(232, 200, 160), (214, 150, 110), (240, 226, 196), (180, 196, 200), (200, 120, 90)]
    x = -20
    while x < W:
        w = rnd.randint(120, 220)
        s.building(
            d,
            x,
            base,
            w,
            rnd.randint(140, 260),
            _land(time, rnd.choice(walls)),
            (90, 110, 130),
            rnd,
            0.7,
            rnd.choice(["gable", None, "dome"]),
        )
        x += w + rnd.randint(-6, 10)
    d.rectangle([0, base, W, H], fill=_land(time, (176, 166, 150)))
    for _ in range(3):
        s.tree(
            d, rnd.randint(0, W), base + 10, rnd.randint(150, 220), _land(time, (70, 130, 70)), (90, 60, 40)
        )
    s.crowd(d, rnd, W, H - 30, 110, CLOTHES, rnd.randint(5, 9), SKIN)


def market(img, d, rnd, time):
    street(img, d, rnd, time)
    base = H - 110
    fruit = [(220, 60, 50), (250, 170, 40), (120, 170, 60), (160, 40, 90), (240, 220, 80)]
    x = rnd.randint(-40, 20)
    while x < W:
        w = rnd.randint(180, 240)
        stripe = rnd.choice([(200, 60, 60), (40, 120, 170), (60, 140, 90), (230, 150, 40)])
        for i in range(6):
            colour = stripe if i % 2 == 0 else (245, 240, 228)
            d.polygon(
                [
                    (x + i * w / 6, base - 120),
                    (x + (i + 1) * w / 6, base - 120),
                    (x + (i + 1) * w / 6 + 6, base - 80),
                    (x + i * w / 6 + 6, base - 80),
                ],
                fill=colour,
            )
        d.rectangle([x + 8, base - 10, x + w - 8, base + 30], fill=(140, 96, 60))
        d.line([(x + 10, base - 80), (x + 10, base + 80)], fill=(80, 60, 40), width=6)
        for _ in range(14):
            fx, fy, r = x + rnd.randint(24, w - 24), base - rnd.randint(2, 22), rnd.randint(8, 13)
            d.ellipse([fx - r, fy - r, fx + r, fy + r], fill=rnd.choice(fruit))
        x += w + rnd.randint(10, 40)


def fields(img, d, rnd, time):
    horizon = rnd.randint(300, 380)
    _sky(img, d, rnd, time, horizon)
    s.hills(d, rnd, W, H, horizon, 24, _land(time, (120, 150, 90)), 2)
    crops = [(200, 170, 70), (120, 160, 70), (170, 130, 60), (90, 140, 70)]
    vanish = rnd.randint(300, 900)
    for i in range(-14, 15):
        colour = _land(time, crops[(i + 20) % len(crops)])
        d.polygon([(vanish, horizon + 20), (vanish + i * 110, H), (vanish + (i + 1) * 110, H)], fill=colour)
    for _ in range(rnd.randint(2, 4)):
        s.tree(
            d, rnd.randint(0, W), horizon + 24, rnd.randint(60, 110), _land(time, (60, 110, 60)), (80, 60, 40)
        )


def orchard(img, d, rnd, time):
    fields(img, d, rnd, time)
    fruit = rnd.choice([(200, 30, 50), (240, 150, 30), (220, 60, 40)])
    for row in range(2):
        base = 520 + row * 110
        for i in range(6):
            x = i * 220 + rnd.randint(0, 80) + row * 90
            size = 190 + row * 60
            s.tree(d, x, base, size, _land(time, (60, 120, 60)), (90, 64, 44))
            for _ in range(10):
                fx, fy = (
                    x + rnd.randint(-int(size * 0.28), int(size * 0.28)),
                    base - size * 0.45 - rnd.randint(0, int(size * 0.4)),
                )
                d.ellipse([fx - 8, fy - 8, fx + 8, fy + 8], fill=fruit)
    s.crowd(d, rnd, W, H - 10, 130, CLOTHES, 3, SKIN)


def garden(img, d, rnd, time):
    horizon = rnd.randint(260, 320)
    _sky(img, d, rnd, time, horizon, cloud=2)
    s.skyline(d, rnd, W, horizon + 40, _land(time, (170, 160, 150)), (210, 220, 230), 0.3, (60, 160))
    d.rectangle([0, horizon + 40, W, H], fill=_land(time, (110, 80, 56)))
    for row in range(4):
        y = horizon + 90 + row * 75
        d.rectangle([0, y - 12, W, y + 12], fill=_land(time, (130, 96, 66)))
        for x in range(rnd.randint(10, 40), W, rnd.randint(50, 70)):
            leaf = _land(time, s.vary(rnd, (70, 150, 70), 25))
            d.ellipse([x - 24, y - 44 - row * 4, x + 24, y + 4], fill=leaf)
            if rnd.random() < 0.3:
                d.ellipse(
                    [x - 8, y - 30, x + 8, y - 14],
                    fill=rnd.choice([(220, 60, 50), (250, 200, 50), (230, 120, 160)]),
                )
    s.crowd(d, rnd, W, H - 20, 150, CLOTHES, 3, SKIN)


def forest(img, d, rnd, time):
    horizon = rnd.randint(330, 400)
    _sky(img, d, rnd, time, horizon, cloud=2)
    s.hills(d, rnd, W, H, horizon, 40, _land(time, (70, 110, 80)), 3)
    crowns = [(40, 100, 60), (60, 120, 60), (30, 80, 50), (90, 130, 60)]
    for layer in range(3):
        base = horizon + 60 + layer * 110
        size = 160 + layer * 90
        for _ in range(12 - layer * 3):
            s.tree(
                d,
                rnd.randint(-40, W + 40),
                base + rnd.randint(-10, 10),
                size * rnd.uniform(0.8, 1.2),
                _land(time, s.shade(rnd.choice(crowns), 0.8 + layer * 0.1)),
                (80, 56, 40),
                rnd.choice(["pine", "round"]),
            )
    if rnd.random() < 0.7:
        s.birds(d, rnd, W, 80, horizon - 80, (40, 40, 50), 10)


def mountains(img, d, rnd, time):
    horizon = rnd.randint(380, 440)
    _sky(img, d, rnd, time, horizon)
    s.mountains(d, rnd, W, H, horizon, 280, _land(time, (110, 120, 150)), (245, 246, 250))
    s.mountains(d, rnd, W, H, horizon + 80, 180, _land(time, (80, 100, 90)), None)
    s.hills(d, rnd, W, H, H - 90, 30, _land(time, (90, 130, 70)), 2)
    for _ in range(rnd.randint(3, 7)):
        s.tree(
            d,
            rnd.randint(0, W),
            H - rnd.randint(20, 60),
            rnd.randint(80, 140),
            _land(time, (40, 90, 50)),
            (70, 50, 40),
            "pine",
        )


def snowy(img, d, rnd, time):
    horizon = rnd.randint(360, 420)
    _sky(img, d, rnd, time, horizon, sun=time != "overcast", cloud=0)
    s.mountains(d, rnd, W, H, horizon, 260, _land(time, (150, 160, 185)), (250, 250, 255))
    s.hills(d, rnd, W, H, H - 120, 30, _land(time, (236, 240, 248)), 2)
    for i in range(rnd.randint(3, 5)):
        s.building(
            d,
            120 + i * 240 + rnd.randint(-40, 40),
            H - 90,
            110,
            80,
            _land(time, (170, 90, 60)),
            (255, 220, 140),
            rnd,
            0.6,
            "gable",
        )
    for _ in range(6):
        s.tree(
            d,
            rnd.randint(0, W),
            H - rnd.randint(10, 50),
            rnd.randint(90, 150),
            _land(time, (50, 80, 70)),
            (70, 50, 40),
            "pine",
        )
    s.snow(d, rnd, W, H, 260)


def rainy(img, d, rnd, time):
    city(img, d, rnd, "overcast" if time not in ("night", "dusk") else time)
    for _ in range(rnd.randint(4, 7)):
        x = rnd.randint(60, W - 60)
        s.person(d, x, H - 20, 120, rnd.choice(CLOTHES), rnd.choice(SKIN))
        s.umbrella(
            d, x, H - 150, 55, rnd.choice([(200, 50, 60), (40, 90, 170), (240, 190, 40), (30, 30, 40)])
        )
    s.rain(d, rnd, W, H, (200, 210, 225))


def river(img, d, rnd, time):
    horizon = rnd.randint(300, 360)
    _sky(img, d, rnd, time, horizon)
    s.hills(d, rnd, W, H, horizon + 20, 40, _land(time, (90, 130, 80)), 3)
    left, right = rnd.randint(300, 500), rnd.randint(700, 900)
    d.polygon(
        [(left + 80, horizon + 40), (right - 80, horizon + 40), (W + 200, H), (-200, H)],
        fill=_land(time, (70, 130, 170)),
    )
    for i in range(10):
        y = horizon + 60 + i * 30
        d.line(
            [(W / 2 - 40 - i * 30, y), (W / 2 + 40 + i * 30, y)], fill=_land(time, (160, 200, 220)), width=2
        )
    stone = _land(time, (170, 150, 120))
    deck = horizon + rnd.randint(80, 130)
    d.rectangle([0, deck - 24, W, deck], fill=stone)
    for x in range(-60, W + 60, 240):
        d.rectangle([x, deck, x + 240, deck + 130], fill=stone)
        d.pieslice([x + 30, deck + 20, x + 210, deck + 240], 180, 360, fill=_land(time, (70, 130, 170)))
    s.crowd(d, rnd, W, deck - 24, 60, CLOTHES, rnd.randint(3, 6), SKIN)


def night_sky(img, d, rnd, time):
    horizon = rnd.randint(480, 560)
    _sky(img, d, rnd, "night", horizon, sun=rnd.random() < 0.5, cloud=0)
    s.stars(d, rnd, W, horizon, 260)
    for _ in range(rnd.randint(2, 5)):  # meteors
        x, y, length = rnd.randint(100, W), rnd.randint(40, horizon // 2), rnd.randint(80, 200)
        d.line([(x, y), (x - length, y + length * 0.5)], fill=(250, 250, 230), width=3)
    s.hills(d, rnd, W, H, horizon, 50, (16, 22, 34), 3)
    for i in range(rnd.randint(3, 6)):
        s.person(d, 200 + i * 140 + rnd.randint(-30, 30), H - 20, 120, (22, 26, 40), None, i % 3 == 0)


def solar(img, d, rnd, time):
    horizon = rnd.randint(280, 340)
    _sky(img, d, rnd, time, horizon)
    s.hills(d, rnd, W, H, horizon, 30, _land(time, (140, 160, 100)), 2)
    for row in range(4):
        y = horizon + 60 + row * 80
        depth = 0.6 + row * 0.2
        for i in range(int(7 / depth) + 2):
            x = i * 170 * depth - rnd.randint(0, 60)
            pw, ph = 140 * depth, 50 * depth
            d.polygon(
                [(x, y + ph), (x + pw, y + ph), (x + pw + 30 * depth, y), (x + 30 * depth, y)],
                fill=(40, 60, 110),
            )
            d.line([(x + pw / 2, y + ph), (x + pw / 2 + 15 * depth, y)], fill=(150, 170, 210), width=2)
            d.line([(x + pw / 2, y + ph), (x + pw / 2, y + ph + 20 * depth)], fill=(120, 120, 120), width=3)


def dunes(img, d, rnd, time):
    horizon = rnd.randint(340, 400)
    _sky(img, d, rnd, "dust" if time == "day" else time, horizon, cloud=0)
    for layer in range(3):
        s.hills(
            d,
            rnd,
            W,
            H,
            horizon + layer * 90,
            40 - layer * 8,
            _land(time, s.shade((220, 170, 110), 1 - layer * 0.1)),
            2,
        )
    s.skyline(
        d,
        rnd,
        W,
        horizon + 20,
        s.mix(s.SKIES["dust"][1], (150, 120, 90), 0.4),
        (200, 180, 150),
        0.1,
        (40, 130),
        ("dome", None),
    )


def train(img, d, rnd, time):
    horizon = rnd.randint(320, 380)
    _sky(img, d, rnd, time, horizon)
    s.mountains(d, rnd, W, H, horizon, 200, _land(time, (110, 124, 150)), (245, 246, 250))
    s.hills(d, rnd, W, H, horizon + 120, 30, _land(time, (100, 140, 80)), 2)
    rail = horizon + 170
    d.line([(0, rail), (W, rail)], fill=(60, 60, 60), width=6)
    x = rnd.randint(-200, 200)
    colour = rnd.choice([(200, 50, 50), (40, 90, 160), (230, 170, 40)])
    for car in range(4):
        left = x + car * 250
        d.rounded_rectangle([left, rail - 90, left + 236, rail - 6], radius=14, fill=colour)
        for wx in range(left + 20, left + 220, 50):
            d.rectangle([wx, rail - 74, wx + 34, rail - 46], fill=(220, 236, 245))
    for _ in range(rnd.randint(4, 8)):
        s.tree(
            d,
            rnd.randint(0, W),
            H - rnd.randint(0, 60),
            rnd.randint(100, 160),
            _land(time, (50, 100, 60)),
            (80, 60, 40),
            "pine",
        )
    s.person(d, rnd.randint(100, W - 100), H - 10, 150, rnd.choice(CLOTHES), rnd.choice(SKIN))


def wetland(img, d, rnd, time):
    horizon = rnd.randint(300, 360)
    _sky(img, d, rnd, time, horizon, cloud=2)
    s.water(
        img, d, rnd, horizon, _land(time, (130, 170, 180)), _land(time, (80, 120, 130)), (220, 230, 235), 10
    )
    for _ in range(40):  # reeds
        x = rnd.randint(0, W)
        d.line(
            [(x, H), (x + rnd.randint(-20, 20), H - rnd.randint(80, 200))],
            fill=_land(time, (120, 130, 60)),
            width=4,
        )
    for _ in range(3):
        s.birds(d, rnd, W, 60, horizon - 40, (40, 40, 50), 14)
    for _ in range(12):  # birds on the water
        x, y = rnd.randint(50, W - 50), rnd.randint(horizon + 20, horizon + 160)
        d.ellipse([x - 18, y - 8, x + 18, y + 8], fill=(245, 245, 245))
        d.ellipse([x + 8, y - 18, x + 20, y - 6], fill=(245, 245, 245))
