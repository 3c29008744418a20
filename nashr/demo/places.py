"""The demo's scenes of places and events (see demo/scenes.py): stages, sports grounds, rooms, boards,
maps and painted walls."""

import math

from . import scenery as s
from .scenery import CLOTHES, SKIN, H, W
from .scenery import land as _land
from .scenery import sky_with_light as _sky


def dome(img, d, rnd, time):
    """A planetarium or observatory: a dome against a dusk or night sky."""
    base = rnd.randint(540, 600)
    _sky(img, d, rnd, time if time in ("night", "dusk") else "dusk", base, cloud=0)
    s.stars(d, rnd, W, base - 200, 120)
    x, w = rnd.randint(350, 650), 360
    s.building(d, x, base, w, 150, _land(time, (200, 200, 210)), (255, 220, 140), rnd, 0.4, "dome")
    d.rectangle([x + w // 2 - 20, base - 150 - w // 2, x + w // 2 + 20, base - 150], fill=(60, 70, 90))
    d.rectangle([0, base, W, H], fill=_land(time, (60, 80, 60)))
    s.crowd(d, rnd, W, H - 10, 90, CLOTHES, 6, SKIN)


def stage(img, d, rnd, time):
    """A concert: a lit stage, musicians, an audience."""
    s.gradient(img, (20, 14, 40), (70, 30, 80))
    floor = 430
    lights = [(255, 220, 120), (240, 120, 200), (120, 200, 255)]
    for i in range(5):
        x = 160 + i * 220
        d.polygon(
            [(x, 0), (x - 140, floor), (x + 140, floor)], fill=s.mix(rnd.choice(lights), (70, 30, 80), 0.6)
        )
    d.rectangle([60, floor, W - 60, floor + 40], fill=(90, 60, 50))
    for i in range(rnd.randint(3, 6)):
        x = 220 + i * 150 + rnd.randint(-20, 20)
        s.person(d, x, floor, 170, rnd.choice(CLOTHES), rnd.choice(SKIN), False)
        d.ellipse([x + 10, floor - 100, x + 60, floor - 60], fill=(150, 90, 40))  # an instrument
    for row in range(3):
        for i in range(14):
            x = i * 90 + (row % 2) * 45 + rnd.randint(-8, 8)
            y = H + 40 - row * 50
            d.ellipse([x - 30, y - 120, x + 30, y - 60], fill=(14 + row * 8, 10 + row * 6, 30 + row * 10))
            d.rounded_rectangle(
                [x - 45, y - 70, x + 45, y + 40], radius=30, fill=(14 + row * 8, 10 + row * 6, 30 + row * 10)
            )


def pitch(img, d, rnd, time):
    """A sports ground: stands, the pitch, players and a ball."""
    horizon = 230
    _sky(img, d, rnd, time, horizon, cloud=2)
    d.rectangle([0, horizon - 90, W, horizon], fill=_land(time, (120, 124, 140)))
    s.crowd(d, rnd, W, horizon, 40, CLOTHES, 60, SKIN)
    s.gradient(img, _land(time, (70, 150, 70)), _land(time, (40, 110, 50)), horizon, H)
    for i in range(0, 8):
        if i % 2:
            d.polygon(
                [
                    (i * W / 8 - 40, horizon),
                    ((i + 1) * W / 8 - 40, horizon),
                    ((i + 1) * W / 8 * 1.1, H),
                    (i * W / 8 * 1.1, H),
                ],
                fill=_land(time, (60, 138, 64)),
            )
    d.line([(0, horizon + 60), (W, horizon + 60)], fill=(240, 240, 240), width=4)
    d.ellipse([W / 2 - 160, horizon + 120, W / 2 + 160, horizon + 260], outline=(240, 240, 240), width=4)
    kits = rnd.sample(CLOTHES, 2)
    for i in range(rnd.randint(5, 8)):
        s.person(
            d,
            rnd.randint(80, W - 80),
            rnd.randint(horizon + 160, H - 10),
            150,
            kits[i % 2],
            rnd.choice(SKIN),
            i == 0,
        )
    bx, by = rnd.randint(200, W - 200), rnd.randint(horizon + 200, H - 40)
    d.ellipse([bx - 16, by - 16, bx + 16, by + 16], fill=(250, 250, 250), outline=(30, 30, 30), width=3)


def court(img, d, rnd, time):
    """An indoor court: a net, players jumping, a ball in the air."""
    s.gradient(img, (230, 220, 200), (200, 190, 170), 0, 300)
    s.gradient(img, (214, 160, 100), (180, 120, 70), 300, H)
    d.rectangle([0, 290, W, 300], fill=(120, 90, 60))
    d.rectangle([W / 2 - 6, 120, W / 2 + 6, H - 60], fill=(60, 60, 70))
    for y in range(150, 300, 18):
        d.line([(60, y), (W - 60, y)], fill=(40, 40, 50), width=2)
    kits = rnd.sample(CLOTHES, 2)
    for i in range(6):
        x = 140 + i * 190 + rnd.randint(-20, 20)
        s.person(
            d,
            x,
            H - 40 - (60 if i in (2, 3) else 0),
            190,
            kits[0 if x < W / 2 else 1],
            rnd.choice(SKIN),
            i in (2, 3),
        )
    bx, by = rnd.randint(400, 800), rnd.randint(60, 140)
    d.ellipse([bx - 22, by - 22, bx + 22, by + 22], fill=(250, 230, 90), outline=(40, 80, 160), width=4)


def shelves(img, d, rnd, time):
    """A library, bookshop or book fair: shelves of coloured spines around a tall window (or a wall of
    them), readers at a table or in a queue. The wood, the number of shelves and the window vary."""
    wood = rnd.choice([(120, 84, 56), (196, 156, 110), (236, 232, 222), (70, 96, 120), (150, 60, 50)])
    s.gradient(img, s.shade(wood, 1.05), s.shade(wood, 0.8))
    spines = [(170, 50, 50), (40, 90, 140), (220, 180, 80), (60, 120, 80), (130, 70, 120), (230, 220, 200)]
    spines += [(40, 40, 50), (230, 120, 60)]
    rows = rnd.randint(3, 5)
    pitch = 520 // rows
    window = rnd.random() < 0.6
    left, right = rnd.randint(380, 520), 0
    right = left + rnd.randint(260, 340)
    if window:  # a tall window onto the sky, with a sill
        s.gradient(img, s.SKIES[time][0], s.SKIES[time][1], 40, 520)
        d.rectangle([left, 0, right, 40], fill=s.shade(wood, 0.7))
        img.paste(s.shade(wood, 0.7), (left, 40, left + 14, 520))
        img.paste(s.shade(wood, 0.7), (right - 14, 40, right, 520))
        d.line([((left + right) / 2, 40), ((left + right) / 2, 520)], fill=s.shade(wood, 0.7), width=10)
        d.rectangle([left - 20, 520, right + 20, 540], fill=s.shade(wood, 0.6))
    for shelf in range(rows):
        y = 30 + shelf * pitch
        for a, b in [(0, left - 10), (right + 10, W)] if window else [(0, W)]:
            d.rectangle([a, y + pitch - 20, b, y + pitch - 6], fill=s.shade(wood, 0.55))
        x = rnd.randint(0, 20)
        while x < W:
            w, h = rnd.randint(14, 34), rnd.randint(int(pitch * 0.5), pitch - 26)
            if not (window and left - 10 < x < right + 10):
                if rnd.random() < 0.08:  # a book lying flat
                    d.rectangle([x, y + pitch - 40, x + 70, y + pitch - 20], fill=rnd.choice(spines))
                    w = 70
                else:
                    d.rectangle([x, y + pitch - 20 - h, x + w, y + pitch - 20], fill=rnd.choice(spines))
                    d.rectangle([x + 4, y + pitch - h, x + w - 4, y + pitch + 6 - h], fill=(240, 220, 160))
            x += w + rnd.randint(1, 4)
    if rnd.random() < 0.5:
        d.rectangle([200, 560, 1000, 590], fill=s.shade(wood, 0.65))  # a reading table
        for i in range(4):
            s.person(d, 260 + i * 210, 660, 170, rnd.choice(CLOTHES), rnd.choice(SKIN))
    else:
        s.crowd(d, rnd, W, H - 6, 180, CLOTHES, rnd.randint(5, 8), SKIN)


def classroom(img, d, rnd, time):
    s.gradient(img, (236, 226, 204), (214, 200, 176))
    d.rectangle([160, 70, 1040, 330], fill=(40, 70, 60), outline=(140, 100, 60), width=14)
    for _ in range(6):  # chalk: sums and a sketch
        x, y = rnd.randint(200, 900), rnd.randint(100, 290)
        d.line([(x, y), (x + rnd.randint(40, 140), y + rnd.randint(-20, 20))], fill=(230, 230, 220), width=4)
    d.ellipse([820, 110, 940, 230], outline=(230, 230, 220), width=4)
    for row in range(2):
        for i in range(4):
            x = 150 + i * 260 + row * 60
            y = 470 + row * 150
            s.person(d, x, y + 20, 150 - row * 0, rnd.choice(CLOTHES), rnd.choice(SKIN), rnd.random() < 0.2)
            d.rectangle([x - 90, y - 40, x + 90, y - 20], fill=(190, 140, 90))


def kitchen(img, d, rnd, time):
    """A kitchen or bakery: a table with bowls, bread and a pot, cooks behind it."""
    s.gradient(img, (240, 226, 200), (220, 196, 160))
    for x in range(0, W, 60):  # tiles
        for y in range(0, 300, 60):
            d.rectangle(
                [x + 2, y + 2, x + 58, y + 58], fill=(236, 232, 222) if (x + y) % 120 else (210, 220, 226)
            )
    for i in range(3):
        s.person(d, 300 + i * 300, 470, 300, (245, 245, 245), rnd.choice(SKIN))
    d.rectangle([0, 420, W, H], fill=(160, 110, 70))
    for _ in range(rnd.randint(6, 10)):
        x, y = rnd.randint(60, W - 60), rnd.randint(470, 620)
        kind = rnd.random()
        if kind < 0.4:  # a loaf
            d.ellipse([x - 60, y - 26, x + 60, y + 26], fill=(200, 140, 70))
            for k in range(3):
                d.line([(x - 30 + k * 25, y - 16), (x - 18 + k * 25, y + 12)], fill=(240, 200, 140), width=4)
        elif kind < 0.75:  # a bowl
            d.pieslice(
                [x - 60, y - 50, x + 60, y + 50],
                0,
                180,
                fill=rnd.choice([(60, 110, 160), (200, 80, 60), (240, 240, 230)]),
            )
            d.ellipse(
                [x - 60, y - 10, x + 60, y + 10],
                fill=rnd.choice([(230, 160, 60), (120, 170, 70), (200, 70, 50)]),
            )
        else:  # a pot
            d.rounded_rectangle([x - 70, y - 60, x + 70, y + 30], radius=18, fill=(70, 70, 80))
            d.rectangle([x - 84, y - 60, x + 84, y - 48], fill=(90, 90, 100))


def board(img, d, rnd, time):
    """A chess board seen from above at a slant, with pieces and players' hands."""
    s.gradient(img, (70, 90, 110), (40, 50, 70))
    x0, y0, size = 300, 60, 70
    for row in range(8):
        for col in range(8):
            dark = (row + col) % 2
            x, y = x0 + col * size + row * 10, y0 + row * size
            d.polygon(
                [(x, y), (x + size, y), (x + size + 10, y + size), (x + 10, y + size)],
                fill=(120, 80, 50) if dark else (236, 214, 170),
            )
    for _ in range(rnd.randint(10, 18)):
        row, col = rnd.randint(0, 7), rnd.randint(0, 7)
        x, y = x0 + col * size + row * 10 + size / 2 + 5, y0 + row * size + size / 2
        colour = (245, 245, 240) if rnd.random() < 0.5 else (30, 30, 34)
        d.ellipse([x - 18, y - 36, x + 18, y], fill=colour)
        d.rounded_rectangle([x - 24, y - 6, x + 24, y + 16], radius=6, fill=colour)
    s.person(d, 150, H + 40, 300, rnd.choice(CLOTHES), rnd.choice(SKIN))
    s.person(d, 1080, H + 40, 300, rnd.choice(CLOTHES), rnd.choice(SKIN))


def old_map(img, d, rnd, time):
    """An old map: parchment, coastlines, a compass rose."""
    s.gradient(img, (236, 218, 176), (210, 186, 140))
    sea_colour = (170, 196, 190)
    d.rectangle([40, 40, W - 40, H - 40], fill=sea_colour, outline=(120, 90, 60), width=8)
    for _ in range(rnd.randint(3, 5)):
        cx, cy, r = rnd.randint(150, W - 150), rnd.randint(150, H - 150), rnd.randint(70, 170)
        points = []
        for k in range(24):
            angle = k / 24 * 6.283
            radius = r * rnd.uniform(0.6, 1.2)
            points.append((cx + radius * 1.3 * math.cos(angle), cy + radius * math.sin(angle)))
        d.polygon(points, fill=(224, 204, 158), outline=(120, 90, 60))
    rx, ry = rnd.randint(150, 300), rnd.randint(450, 560)
    d.polygon([(rx, ry - 80), (rx + 16, ry), (rx, ry + 80), (rx - 16, ry)], fill=(150, 60, 50))
    d.polygon([(rx - 80, ry), (rx, ry - 16), (rx + 80, ry), (rx, ry + 16)], fill=(90, 70, 50))
    for _ in range(3):
        s.boat(d, rnd.randint(300, W - 100), rnd.randint(100, H - 100), 26, (110, 80, 50), (240, 230, 200))


def mural(img, d, rnd, time):
    """A painted wall in an old lane, with painters on a ladder."""
    s.gradient(img, (200, 190, 176), (170, 160, 146))
    colours = [(230, 90, 70), (250, 200, 60), (60, 150, 190), (90, 170, 90), (160, 80, 160), (240, 140, 60)]
    for _ in range(rnd.randint(14, 22)):
        x, y, r = rnd.randint(0, W), rnd.randint(40, 500), rnd.randint(40, 140)
        shape = rnd.random()
        fill = rnd.choice(colours)
        if shape < 0.4:
            d.ellipse([x - r, y - r, x + r, y + r], fill=fill)
        elif shape < 0.7:
            d.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=fill)
        else:
            d.pieslice([x - r, y - r, x + r, y + r], rnd.randint(0, 180), rnd.randint(200, 360), fill=fill)
    d.rectangle([0, 560, W, H], fill=(120, 110, 100))
    lx = rnd.randint(200, 900)
    for k in range(2):
        d.line([(lx + k * 60, 560), (lx + 20 + k * 60, 240)], fill=(90, 70, 50), width=8)
    for y in range(270, 560, 40):
        d.line([(lx + 2, y), (lx + 62, y)], fill=(90, 70, 50), width=6)
    s.person(d, lx + 30, 380, 150, rnd.choice(CLOTHES), rnd.choice(SKIN), True)
    s.crowd(d, rnd, W, H - 10, 130, CLOTHES, 4, SKIN)
