"""Draw the site's illustrations (示意图): simple flat pictures, no photographs.

We have no photographs of our own yet, so pages that need a picture get a plain,
dignified drawing instead. Every drawing here follows the same rules:

- no text or numbers in the picture (captions and alt text live in the records);
- no flags, emblems, insignia or hull numbers;
- no people, so no faces;
- a muted palette, 1600 × 1000 pixels, PNG.

Run from anywhere:  .venv/bin/python scripts/tools/draw_illustrations.py
It (re)writes images/<folder>/<name>.png and prints each path. The output is the
same on every run (fixed random seed), so re-running does not churn git.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "images"

W, H = 1600, 1000
SCALE = 2  # draw at twice the size, then shrink: smooth edges without extra libraries

# Muted palette
CREAM = (238, 233, 222)
SAND = (214, 202, 178)
STONE = (190, 186, 176)
STONE_DARK = (150, 146, 138)
SLATE = (92, 106, 120)
SLATE_DARK = (62, 72, 84)
SKY_TOP = (196, 208, 214)
SKY_LOW = (232, 230, 222)
SEA = (110, 132, 146)
SEA_DARK = (84, 104, 118)
PINE = (70, 96, 80)
PINE_DARK = (52, 74, 62)
SAGE = (142, 160, 130)
OLIVE = (112, 122, 84)
OCHRE = (196, 160, 100)
BRICK = (150, 78, 64)
BRICK_DARK = (120, 60, 50)
GOLD = (190, 160, 96)
WHITE_FLOWER = (240, 238, 230)
YELLOW_FLOWER = (222, 194, 112)
WOOD = (132, 98, 70)
WOOD_DARK = (104, 76, 54)


def canvas(top=SKY_TOP, bottom=SKY_LOW):
    """A vertical gradient background at drawing scale."""
    w, h = W * SCALE, H * SCALE
    img = Image.new("RGB", (w, h), bottom)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / (h - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom))
        draw.line([(0, y), (w, y)], fill=colour)
    return img, draw


def s(*values):
    """Scale coordinates given in final pixels to drawing pixels."""
    return [v * SCALE for v in values]


def save(img: Image.Image, relative: str) -> None:
    out = IMAGES / relative
    out.parent.mkdir(parents=True, exist_ok=True)
    img = img.resize((W, H), Image.LANCZOS)
    img.save(out, "PNG", optimize=True)
    print(out.relative_to(ROOT).as_posix())


def pine(draw, x, base, height, colour=PINE, trunk=WOOD_DARK):
    """A stylised pine or cypress: stacked triangles on a short trunk."""
    width = height * 0.42
    draw.rectangle(s(x - width * 0.05, base - height * 0.12, x + width * 0.05, base), fill=trunk)
    tiers = 4
    for i in range(tiers):
        top = base - height + i * height * 0.18
        bottom = base - height * 0.1 - (tiers - 1 - i) * height * 0.12
        half = width * (0.45 + 0.55 * (i + 1) / tiers) / 2
        draw.polygon(s(x, top, x - half, bottom, x + half, bottom), fill=colour)


def round_tree(draw, x, base, height, colour=SAGE):
    draw.rectangle(s(x - 6, base - height * 0.35, x + 6, base), fill=WOOD_DARK)
    r = height * 0.33
    draw.ellipse(s(x - r, base - height, x + r, base - height + 2 * r), fill=colour)


# --- the drawings ------------------------------------------------------------


def hall_facade():
    """A low modern exhibition hall: flat roof, blank fascia, pillars, steps, trees."""
    img, d = canvas()
    ground = 760
    d.rectangle(s(0, ground, W, H), fill=SAND)
    d.rectangle(s(0, ground, W, ground + 14), fill=STONE_DARK)
    # paved forecourt
    d.polygon(s(560, H, 1040, H, 930, ground + 14, 670, ground + 14), fill=STONE)
    # building body
    left, right, top = 330, 1270, 380
    d.rectangle(s(left, top, right, ground), fill=CREAM)
    d.rectangle(s(left - 30, top - 70, right + 30, top), fill=STONE)  # fascia, left blank
    d.rectangle(s(left - 30, top - 82, right + 30, top - 70), fill=STONE_DARK)
    # glazed entrance between pillars
    d.rectangle(s(640, 470, 960, ground - 40), fill=SLATE)
    for x in range(660, 960, 60):
        d.line(s(x + 30, 470, x + 30, ground - 40), fill=SLATE_DARK, width=3 * SCALE)
    # pillars
    for x in range(400, 1230, 110):
        d.rectangle(s(x, top, x + 34, ground - 40), fill=(226, 220, 206))
        d.rectangle(s(x + 26, top, x + 34, ground - 40), fill=(206, 200, 186))
    # windows between outer pillars
    for x in (434, 1054, 1164):
        d.rectangle(s(x + 18, 520, x + 74, 640), fill=SEA)
    d.rectangle(s(544 + 18, 520, 544 + 74, 640), fill=SEA)
    # steps
    for i in range(3):
        d.rectangle(
            s(600 - i * 20, ground - 40 + i * 18, 1000 + i * 20, ground - 22 + i * 18),
            fill=(224 - i * 12, 218 - i * 12, 204 - i * 12),
        )
    # trees and hedges
    for x, h in ((120, 330), (220, 270), (1380, 320), (1490, 280)):
        round_tree(d, x, ground + 10, h)
    for x in range(330, 600, 45):
        d.ellipse(s(x, ground - 30, x + 60, ground + 16), fill=PINE)
    for x in range(1000, 1270, 45):
        d.ellipse(s(x, ground - 30, x + 60, ground + 16), fill=PINE)
    save(img, "places/hall-facade.png")


def corvette_at_sea():
    """A corvette in profile on a calm sea: no hull number, no flag."""
    img, d = canvas(top=(186, 200, 208), bottom=(226, 226, 218))
    horizon = 640
    d.rectangle(s(0, horizon, W, H), fill=SEA)
    rng = random.Random(608)
    for _ in range(90):
        y = rng.uniform(horizon + 20, H - 10)
        x = rng.uniform(0, W)
        length = rng.uniform(30, 140) * (0.4 + (y - horizon) / (H - horizon))
        d.line(s(x, y, x + length, y), fill=SEA_DARK, width=2 * SCALE)
    grey, grey_dark = (128, 136, 142), (104, 112, 118)
    wl = horizon + 40  # waterline
    # hull: raised bow on the right, flat stern on the left
    d.polygon(s(280, wl - 60, 1300, wl - 78, 1380, wl - 92, 1310, wl, 330, wl), fill=grey)
    d.polygon(s(330, wl - 10, 1320, wl - 10, 1310, wl, 330, wl), fill=grey_dark)
    # superstructure block and bridge
    d.polygon(s(560, wl - 60, 1020, wl - 66, 1000, wl - 170, 600, wl - 170), fill=(140, 148, 154))
    d.polygon(s(880, wl - 170, 1000, wl - 170, 985, wl - 225, 900, wl - 225), fill=(150, 158, 164))
    d.rectangle(s(905, wl - 212, 980, wl - 200), fill=SLATE_DARK)  # bridge windows
    # mast
    d.polygon(s(760, wl - 170, 840, wl - 170, 815, wl - 310, 785, wl - 310), fill=(146, 154, 160))
    d.rectangle(s(797, wl - 360, 803, wl - 310), fill=grey_dark)
    d.rectangle(s(770, wl - 300, 830, wl - 292), fill=grey_dark)
    # funnel-like block aft, hangar
    d.rectangle(s(420, wl - 130, 560, wl - 62), fill=(136, 144, 150))
    # forward gun: a rounded mount with a barrel
    d.chord(s(1120, wl - 120, 1200, wl - 60), 180, 360, fill=(150, 158, 164))
    d.line(s(1190, wl - 96, 1270, wl - 104), fill=grey_dark, width=6 * SCALE)
    # wake and bow wave
    d.polygon(s(1310, wl, 1400, wl + 8, 1300, wl + 10), fill=(200, 210, 214))
    d.polygon(s(330, wl, 120, wl + 20, 330, wl + 14), fill=(176, 190, 196))
    save(img, "vessels/corvette-at-sea.png")


def memorial_tower():
    """A tall memorial tower on a stepped base, flanked by pines, with a path."""
    img, d = canvas(top=(200, 210, 212), bottom=(234, 232, 224))
    ground = 800
    d.rectangle(s(0, ground, W, H), fill=(176, 180, 150))
    d.polygon(s(730, H, 870, H, 818, ground, 782, ground), fill=STONE)
    cx = 800
    # stepped base
    for i, (half, h) in enumerate(((220, 30), (170, 30), (120, 40))):
        y = ground - sum(x[1] for x in ((220, 30), (170, 30), (120, 40))[: i + 1])
        d.rectangle(s(cx - half, y, cx + half, y + h), fill=(208 - i * 8, 204 - i * 8, 194 - i * 8))
    base_top = ground - 100
    # tapering shaft with a pointed top
    d.polygon(s(cx - 58, base_top, cx + 58, base_top, cx + 36, 220, cx - 36, 220), fill=CREAM)
    d.polygon(s(cx + 12, base_top, cx + 58, base_top, cx + 36, 220, cx + 8, 220), fill=(218, 212, 198))
    d.polygon(s(cx - 36, 220, cx + 36, 220, cx, 150), fill=(218, 212, 198))
    # pines, larger in front
    for x, h in ((110, 380), (260, 430), (420, 360), (1180, 360), (1340, 430), (1490, 380)):
        pine(d, x, ground + 20, h, PINE_DARK if h > 400 else PINE)
    for x, h in ((560, 230), (1040, 230)):
        pine(d, x, ground + 10, h, PINE)
    save(img, "memorials/memorial-tower-pines.png")


def flower(d, x, y, r, colour, centre):
    for k in range(10):
        a = k * math.pi / 5
        px, py = x + math.cos(a) * r * 0.55, y + math.sin(a) * r * 0.55
        d.ellipse(s(px - r * 0.5, py - r * 0.5, px + r * 0.5, py + r * 0.5), fill=colour)
    d.ellipse(s(x - r * 0.38, y - r * 0.38, x + r * 0.38, y + r * 0.38), fill=centre)


def wreath(d, cx, cy, radius, rng):
    apex = cy - radius - 40  # easel behind the wreath, its top just above the ring
    d.line(s(cx - 120, cy + radius + 260, cx, apex), fill=WOOD_DARK, width=8 * SCALE)
    d.line(s(cx + 120, cy + radius + 260, cx, apex), fill=WOOD_DARK, width=8 * SCALE)
    for k in range(46):
        a = 2 * math.pi * k / 46
        x, y = cx + math.cos(a) * radius, cy + math.sin(a) * radius
        d.ellipse(s(x - 44, y - 30, x + 44, y + 30), fill=PINE if k % 2 else PINE_DARK)
    for k in range(40):
        a = 2 * math.pi * k / 40 + rng.uniform(-0.04, 0.04)
        x, y = cx + math.cos(a) * radius, cy + math.sin(a) * radius
        colour = YELLOW_FLOWER if k % 5 == 0 else WHITE_FLOWER
        flower(d, x, y, 26, colour, (206, 196, 160))
    # plain ribbons, no writing
    d.polygon(
        s(cx - 40, cy + radius - 10, cx - 8, cy + radius - 10, cx - 50, cy + radius + 200, cx - 86, cy + radius + 190),
        fill=(232, 228, 218),
    )
    d.polygon(
        s(cx + 8, cy + radius - 10, cx + 40, cy + radius - 10, cx + 86, cy + radius + 190, cx + 50, cy + radius + 200),
        fill=(232, 228, 218),
    )


def wreaths():
    """Two wreaths of white and yellow chrysanthemums on stands, flowers in front."""
    img, d = canvas(top=(204, 206, 200), bottom=(228, 224, 214))
    d.rectangle(s(0, 780, W, H), fill=(196, 190, 176))
    d.rectangle(s(0, 770, W, 782), fill=STONE_DARK)
    rng = random.Random(930)
    wreath(d, 530, 380, 190, rng)
    wreath(d, 1070, 380, 190, rng)
    for _ in range(120):
        x = rng.uniform(40, W - 40)
        y = rng.uniform(850, 980)
        d.line(s(x, y + 10, x + rng.uniform(-6, 6), y + 60), fill=PINE, width=3 * SCALE)
    for _ in range(120):
        x = rng.uniform(40, W - 40)
        y = rng.uniform(840, 960)
        colour = YELLOW_FLOWER if rng.random() < 0.25 else WHITE_FLOWER
        flower(d, x, y, rng.uniform(16, 24), colour, (206, 196, 160))
    save(img, "events/wreaths-chrysanthemums.png")


def honour_plaque():
    """A courtyard gate with a blank honour plaque beside it: no words, no star."""
    img, d = canvas(top=(212, 214, 206), bottom=(230, 226, 216))
    # wall
    d.rectangle(s(0, 160, W, 860), fill=(196, 184, 166))
    for y in range(180, 860, 40):  # brick courses
        d.line(s(0, y, W, y), fill=(180, 168, 150), width=2 * SCALE)
    d.rectangle(s(0, 140, W, 170), fill=SLATE)  # coping
    d.rectangle(s(0, 860, W, H), fill=(176, 170, 156))
    # gate frame and double doors
    d.rectangle(s(480, 260, 1000, 860), fill=STONE_DARK)
    d.rectangle(s(510, 290, 740, 860), fill=BRICK_DARK)
    d.rectangle(s(740, 290, 970, 860), fill=BRICK_DARK)
    for x0 in (510, 740):
        d.rectangle(s(x0 + 20, 310, x0 + 210, 840), outline=BRICK, width=8 * SCALE)
    for x in (720, 760):  # door rings
        d.ellipse(s(x - 16, 560, x + 16, 592), outline=GOLD, width=5 * SCALE)
    d.rectangle(s(480, 850, 1000, 880), fill=STONE)  # threshold
    # the plaque, blank, beside the gate
    d.rectangle(s(1090, 400, 1350, 520), fill=GOLD)
    d.rectangle(s(1100, 410, 1340, 510), fill=BRICK)
    d.rectangle(s(1112, 422, 1328, 498), outline=(176, 96, 78), width=3 * SCALE)
    # a small plant at the foot of the wall
    for x in (200, 260, 320):
        d.ellipse(s(x - 50, 790, x + 50, 880), fill=SAGE)
    save(img, "events/honour-plaque-door.png")


def service_network():
    """A map-like network: one centre, 11 hubs, many stations linked by lines."""
    img, d = canvas(top=(226, 224, 214), bottom=(236, 232, 222))
    rng = random.Random(6521)
    # a soft land shape, not any real outline
    blob = [
        (
            800 + math.cos(a) * (560 + 60 * math.sin(3 * a) + 30 * math.cos(5 * a)),
            500 + math.sin(a) * (390 + 40 * math.cos(2 * a)),
        )
        for a in [2 * math.pi * k / 120 for k in range(120)]
    ]
    d.polygon([v * SCALE for p in blob for v in p], fill=(214, 210, 190))
    centre = (800, 500)
    hubs = []
    for k in range(11):
        a = 2 * math.pi * k / 11 + 0.2
        hubs.append((800 + math.cos(a) * 300 * rng.uniform(0.85, 1.1), 500 + math.sin(a) * 220 * rng.uniform(0.85, 1.1)))
    stations = []
    for hx, hy in hubs:
        for _ in range(5):
            a = rng.uniform(0, 2 * math.pi)
            r = rng.uniform(70, 150)
            stations.append(((hx + math.cos(a) * r, hy + math.sin(a) * r * 0.8), (hx, hy)))
    villages = []
    for (sx, sy), _ in stations:
        for _ in range(6):
            a = rng.uniform(0, 2 * math.pi)
            r = rng.uniform(18, 52)
            villages.append(((sx + math.cos(a) * r, sy + math.sin(a) * r), (sx, sy)))
    line = (160, 160, 146)
    for p, q in villages:
        d.line(s(*p, *q), fill=line, width=1 * SCALE)
    for p, q in stations:
        d.line(s(*p, *q), fill=(140, 140, 126), width=2 * SCALE)
    for h in hubs:
        d.line(s(*centre, *h), fill=SLATE, width=4 * SCALE)
    for (x, y), _ in villages:
        d.ellipse(s(x - 4, y - 4, x + 4, y + 4), fill=SAGE)
    for (x, y), _ in stations:
        d.ellipse(s(x - 9, y - 9, x + 9, y + 9), fill=OLIVE)
    for x, y in hubs:
        d.ellipse(s(x - 18, y - 18, x + 18, y + 18), fill=SLATE)
        d.ellipse(s(x - 8, y - 8, x + 8, y + 8), fill=CREAM)
    x, y = centre
    d.ellipse(s(x - 36, y - 36, x + 36, y + 36), fill=BRICK)
    d.ellipse(s(x - 16, y - 16, x + 16, y + 16), fill=CREAM)
    save(img, "themes/service-network.png")


def army_and_people():
    """Two bands, olive and ochre, flowing together over fields: army and people as one."""
    img, d = canvas(top=(214, 214, 202), bottom=(234, 228, 214))
    horizon = 700
    # fields in soft strips
    for i, colour in enumerate(((200, 196, 160), (188, 184, 146), (206, 198, 164), (180, 178, 140))):
        y0 = horizon + i * 75
        d.rectangle(s(0, y0, W, y0 + 75), fill=colour)

    # two ribbons that cross and run on side by side
    def band(phase, colour, offset):
        top, bottom = [], []
        for k in range(161):
            x = k * 10
            t = x / W
            amp = 150 * (1 - t) ** 1.2
            y = 430 + math.sin(t * 2.4 * math.pi + phase) * amp + offset * t
            top.append((x, y - 34))
            bottom.append((x, y + 34))
        pts = top + bottom[::-1]
        d.polygon([v * SCALE for p in pts for v in p], fill=colour)

    band(0.0, OLIVE, -40)
    band(math.pi, OCHRE, 40)
    # a low sun, plain disc
    d.ellipse(s(1250, 150, 1400, 300), fill=(230, 214, 176))
    # a row of small trees along the horizon
    rng = random.Random(81)
    for x in range(60, W, 130):
        round_tree(d, x + rng.uniform(-30, 30), horizon + 6, rng.uniform(70, 110), SAGE)
    save(img, "themes/army-and-people.png")


def memorial_stele():
    """An upright stele with a blank face in a paved courtyard, trees behind."""
    img, d = canvas(top=(206, 212, 210), bottom=(232, 230, 222))
    ground = 760
    d.rectangle(s(0, ground, W, H), fill=(206, 200, 186))
    for x in range(-400, W + 400, 120):  # paving lines in perspective
        d.line(s(800 + (x - 800) * 0.35, ground, x, H), fill=(190, 184, 170), width=2 * SCALE)
    # low courtyard wall and trees behind
    d.rectangle(s(0, 560, W, ground), fill=(196, 186, 168))
    d.rectangle(s(0, 545, W, 565), fill=SLATE)
    for x, h in ((140, 420), (330, 360), (1270, 360), (1460, 420)):
        pine(d, x, ground, h, PINE)
    # plinth and stele
    d.rectangle(s(620, 690, 980, 770), fill=STONE_DARK)
    d.rectangle(s(650, 660, 950, 700), fill=STONE)
    d.rectangle(s(700, 250, 900, 665), fill=(120, 118, 112))
    d.rectangle(s(860, 250, 900, 665), fill=(104, 102, 98))
    d.rectangle(s(690, 220, 910, 255), fill=(134, 132, 126))
    d.rectangle(s(722, 280, 838, 640), outline=(140, 138, 130), width=3 * SCALE)  # blank panel
    save(img, "places/memorial-stele.png")


def main() -> None:
    for draw in (
        hall_facade,
        corvette_at_sea,
        memorial_tower,
        wreaths,
        honour_plaque,
        service_network,
        army_and_people,
        memorial_stele,
    ):
        draw()


if __name__ == "__main__":
    main()
