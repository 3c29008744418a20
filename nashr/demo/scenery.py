"""Drawing parts for the demo's illustrated pictures (demo/scenes.py composes them): sky, sun and moon,
clouds, hills, water, buildings, trees, people, boats, birds, rain and snow. Each takes a Pillow ImageDraw,
a seeded random generator and plain numbers, so a scene is the same every time for its seed."""

import math

from PIL import Image

# Skies by time of day: top and horizon colours, the light (sun or moon), how bright the land is.
SKIES = {
    "day": ((86, 150, 214), (196, 224, 242), (255, 240, 180), 1.0),
    "morning": ((120, 168, 222), (250, 214, 170), (255, 226, 150), 0.95),
    "dusk": ((58, 52, 112), (246, 150, 98), (255, 196, 120), 0.7),
    "night": ((10, 16, 42), (44, 56, 98), (238, 234, 210), 0.45),
    "overcast": ((116, 126, 142), (190, 196, 204), (228, 230, 232), 0.8),
    "dust": ((196, 148, 92), (236, 204, 150), (255, 236, 200), 0.85),
}


def mix(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def vary(rnd, colour, amount=18):
    return tuple(max(0, min(255, c + rnd.randint(-amount, amount))) for c in colour)


def gradient(image, top, bottom, y0=0, y1=None):
    """A vertical gradient from `top` to `bottom` between rows y0 and y1 (drawn as one column, stretched)."""
    width, height = image.size
    y1 = height if y1 is None else y1
    rows = max(1, y1 - y0)
    column = Image.new("RGB", (1, rows))
    column.putdata([mix(top, bottom, y / rows) for y in range(rows)])
    image.paste(column.resize((width, rows)), (0, y0))


def sky(image, time, horizon):
    top, bottom, _, _ = SKIES[time]
    gradient(image, top, bottom, 0, horizon)


def light(d, time, x, y, r):
    """The sun (with a soft halo) or, at night, the moon."""
    top, bottom, colour, _ = SKIES[time]
    if time == "night":
        d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        d.ellipse(
            [x - r + r // 3, y - r - r // 6, x + r + r // 3, y + r - r // 6], fill=mix(top, bottom, 0.2)
        )
        return
    for step in range(4, 0, -1):
        halo = r + step * r // 3
        tint = mix(colour, mix(top, bottom, y / 675), 0.35 + step * 0.15)
        d.ellipse([x - halo, y - halo, x + halo, y + halo], fill=tint)
    d.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def stars(d, rnd, width, bottom, count=140):
    for _ in range(count):
        x, y, r = rnd.randint(0, width), rnd.randint(0, bottom), rnd.choice([1, 1, 1, 2, 2, 3])
        d.ellipse([x - r, y - r, x + r, y + r], fill=mix((255, 255, 255), (255, 236, 180), rnd.random()))


def clouds(d, rnd, width, top, bottom, colour, count=4):
    for _ in range(count):
        cx, cy = rnd.randint(0, width), rnd.randint(top, bottom)
        size = rnd.randint(40, 90)
        for _ in range(6):
            dx, dy = rnd.randint(-size * 2, size * 2), rnd.randint(-size // 3, size // 4)
            r = rnd.randint(size // 2, size)
            d.ellipse(
                [cx + dx - r * 1.4, cy + dy - r * 0.7, cx + dx + r * 1.4, cy + dy + r * 0.7], fill=colour
            )


def hills(d, rnd, width, height, base, amplitude, colour, waves=3):
    """A band of rolling hills whose crest is around row `base`, filled to the bottom."""
    phases = [rnd.random() * 6.3 for _ in range(waves)]
    lengths = [rnd.uniform(0.6, 2.4) * width / (i + 1) for i in range(waves)]
    points = [(0, height)]
    for x in range(0, width + 16, 16):
        y = base - sum(amplitude / (i + 1) * math.sin(x / lengths[i] * 6.3 + phases[i]) for i in range(waves))
        points.append((x, y))
    points.append((width, height))
    d.polygon(points, fill=colour)


def mountains(d, rnd, width, height, base, peak, colour, snow=None):
    """A jagged range from row `base` up to about `peak` pixels high; snow caps if a colour is given."""
    x, points, tops = -60, [(-60, height)], []
    while x < width + 60:
        rise = rnd.randint(int(peak * 0.5), peak)
        span = rnd.randint(120, 260)
        points += [(x + span // 2, base - rise), (x + span, base - rnd.randint(0, peak // 4))]
        tops.append((x + span // 2, base - rise, span))
        x += span
    points.append((width + 60, height))
    d.polygon(points, fill=colour)
    if snow:
        for tx, ty, span in tops:
            cap = span // 5
            d.polygon([(tx, ty), (tx - cap, ty + cap * 0.8), (tx + cap, ty + cap * 0.8)], fill=snow)


def water(image, d, rnd, horizon, top, bottom, wave, lines=16):
    width, height = image.size
    gradient(image, top, bottom, horizon, height)
    for i in range(lines):
        y = horizon + (height - horizon) * (i + rnd.random()) / lines
        length = rnd.randint(40, 160) * (1 + i / lines)
        x = rnd.randint(-40, width)
        d.line([(x, y), (x + length, y)], fill=wave, width=max(1, int(1 + i / 5)))


def building(d, x, base, w, h, colour, window, rnd, lit=0.5, roof=None):
    d.rectangle([x, base - h, x + w, base], fill=colour)
    if roof == "dome":
        d.pieslice([x, base - h - w // 2, x + w, base - h + w // 2], 180, 360, fill=colour)
    elif roof == "gable":
        d.polygon(
            [(x - 6, base - h), (x + w / 2, base - h - w * 0.45), (x + w + 6, base - h)],
            fill=shade(colour, 0.8),
        )
    step_x, step_y = 18, 26
    for wy in range(int(base - h + 14), int(base - 14), step_y):
        for wx in range(int(x + 8), int(x + w - 12), step_x):
            if rnd.random() < lit:
                d.rectangle([wx, wy, wx + 8, wy + 12], fill=window)


def skyline(d, rnd, width, base, colour, window, lit=0.5, tall=(120, 360), roofs=(None,)):
    x = rnd.randint(-40, 0)
    while x < width:
        w, h = rnd.randint(60, 150), rnd.randint(*tall)
        building(d, x, base, w, h, vary(rnd, colour, 12), window, rnd, lit, rnd.choice(roofs))
        x += w + rnd.randint(0, 14)


def tree(d, x, base, size, crown, trunk, kind="round"):
    d.rectangle([x - size * 0.07, base - size * 0.45, x + size * 0.07, base], fill=trunk)
    if kind == "pine":
        for i in range(3):
            top = base - size * (0.35 + i * 0.22)
            half = size * (0.38 - i * 0.09)
            d.polygon(
                [(x - half, top + size * 0.2), (x, top - size * 0.25), (x + half, top + size * 0.2)],
                fill=crown,
            )
    else:
        r = size * 0.32
        d.ellipse([x - r, base - size * 0.45 - r * 1.6, x + r, base - size * 0.45 + r * 0.4], fill=crown)


def person(d, x, base, h, colour, head=None, arm_up=False):
    """A simple figure, feet on `base`, `h` pixels tall."""
    r = h * 0.11
    d.ellipse([x - r, base - h, x + r, base - h + 2 * r], fill=head or colour)
    d.rounded_rectangle(
        [x - h * 0.16, base - h + 2.2 * r, x + h * 0.16, base - h * 0.38], radius=int(r), fill=colour
    )
    d.rectangle([x - h * 0.12, base - h * 0.4, x - h * 0.02, base], fill=shade(colour, 0.7))
    d.rectangle([x + h * 0.02, base - h * 0.4, x + h * 0.12, base], fill=shade(colour, 0.7))
    if arm_up:
        d.line(
            [(x + h * 0.14, base - h * 0.7), (x + h * 0.3, base - h * 1.0)],
            fill=colour,
            width=max(2, int(h * 0.07)),
        )


def crowd(d, rnd, width, base, h, colours, count, skin):
    for _ in range(count):
        x = rnd.randint(0, width)
        scale = rnd.uniform(0.85, 1.1)
        person(
            d,
            x,
            base + rnd.randint(-4, 8),
            h * scale,
            rnd.choice(colours),
            rnd.choice(skin),
            rnd.random() < 0.15,
        )


def boat(d, x, y, size, hull, sail):
    d.polygon(
        [(x - size, y), (x + size, y), (x + size * 0.7, y + size * 0.35), (x - size * 0.7, y + size * 0.35)],
        fill=hull,
    )
    d.line([(x, y), (x, y - size * 1.5)], fill=shade(hull, 0.6), width=max(2, size // 12))
    d.polygon([(x + 3, y - size * 1.45), (x + 3, y - 6), (x + size * 0.9, y - 6)], fill=sail)


def birds(d, rnd, width, top, bottom, colour, count=12):
    cx, cy = rnd.randint(width // 5, width * 4 // 5), rnd.randint(top, bottom)
    for _ in range(count):
        x, y, s = cx + rnd.randint(-220, 220), cy + rnd.randint(-70, 70), rnd.randint(8, 18)
        d.line([(x - s, y - s * 0.4), (x, y), (x + s, y - s * 0.4)], fill=colour, width=3)


def rain(d, rnd, width, height, colour, count=420):
    for _ in range(count):
        x, y = rnd.randint(0, width + 60), rnd.randint(0, height)
        d.line([(x, y), (x - 10, y + 34)], fill=colour, width=2)


def snow(d, rnd, width, height, count=300):
    for _ in range(count):
        x, y, r = rnd.randint(0, width), rnd.randint(0, height), rnd.choice([2, 3, 3, 4, 5])
        d.ellipse([x - r, y - r, x + r, y + r], fill=(250, 250, 255))


def umbrella(d, x, y, r, colour):
    d.pieslice([x - r, y - r * 0.8, x + r, y + r * 0.8], 180, 360, fill=colour)
    d.line([(x, y), (x, y + r * 1.1)], fill=(40, 40, 40), width=3)


# -- what every scene shares --------------------------------------------------------------------------------

W, H = 1200, 675
SKIN = [(240, 205, 170), (214, 170, 130), (176, 122, 84), (120, 80, 52), (88, 58, 40)]
CLOTHES = [
    (200, 70, 60),
    (60, 110, 170),
    (230, 180, 60),
    (70, 140, 100),
    (130, 80, 150),
    (40, 50, 70),
    (220, 120, 50),
]


def land(time, colour):
    return shade(colour, SKIES[time][3])


def sky_with_light(img, d, rnd, time, horizon, sun=True, cloud=3):
    sky(img, time, horizon)
    if time == "night":
        stars(d, rnd, W, horizon - 20, 90)
    if sun:
        light(
            d, time, rnd.randint(120, W - 120), rnd.randint(70, max(80, horizon - 130)), rnd.randint(36, 60)
        )
    if cloud and time not in ("night", "dust"):
        clouds(d, rnd, W, 40, horizon // 2, mix(SKIES[time][1], (255, 255, 255), 0.6), cloud)
