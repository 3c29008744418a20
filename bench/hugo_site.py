"""The static-build baseline of `make bench`: Hugo building as many generated pages as Nashr's static output.

The pages are of the same size as the generated articles they stand for (a title, a summary, three to six
paragraphs of words; `nashr/demo/generate.py`), with one to two categories, one to two authors and one to
four tags each, and the site has what Nashr's pages show around an article: a menu, the section's and each
taxonomy's paginated listings, feeds, the recent posts, related posts and newer/older links. Hugo builds
with every core it finds, as it would for a newsroom.
"""

import random
import shutil
import statistics
import subprocess
import time
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "hugo"  # hugo.toml and the layouts

WORDS = (TEMPLATE / "words.txt").read_text().split()  # plain words, as generate_content writes


def _words(rnd, count):
    return " ".join(rnd.choice(WORDS) for _ in range(count))


def _paragraph(rnd):
    sentences = [_words(rnd, rnd.randint(8, 16)) for _ in range(rnd.randint(2, 4))]
    return " ".join(s[:1].upper() + s[1:] + "." for s in sentences)


def write_site(folder, pages, seed=1):
    """A Hugo site with `pages` generated posts under `folder` (emptied first)."""
    rnd = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(TEMPLATE, folder)
    posts = folder / "content" / "articles"
    posts.mkdir(parents=True)
    categories = [f"category {n}" for n in range(12)]
    tags = [f"tag {n}" for n in range(150)]
    authors = [f"author {n}" for n in range(40)]
    for number in range(pages):
        front = {
            "title": _words(rnd, rnd.randint(4, 9)).capitalize(),
            "date": f"20{21 + number % 5}-{1 + number % 12:02}-{1 + number % 28:02}T{number % 24:02}:00:00Z",
            "summary": _words(rnd, rnd.randint(15, 30)),
            "categories": rnd.sample(categories, k=rnd.choice((1, 1, 2))),
            "authors": rnd.sample(authors, k=rnd.choice((1, 1, 2))),
            "tags": rnd.sample(tags, k=rnd.randint(1, 4)),
        }
        lines = ["+++"]
        for key, value in front.items():
            if isinstance(value, list):
                value = "[" + ", ".join(f'"{v}"' for v in value) + "]"
            elif key != "date":
                value = f'"{value}"'
            lines.append(f"{key} = {value}")
        lines.append("+++")
        body = "\n\n".join(_paragraph(rnd) for _ in range(rnd.randint(3, 6)))
        (posts / f"post-{number}.md").write_text("\n".join(lines) + "\n\n" + body + "\n")


def _version(hugo):
    output = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout
    number = output.split()[1].lstrip("v").split("+")[0].split("-")[0]
    return tuple(int(part) for part in number.split(".")[:2])


def build_time(folder, pages, rounds=3):
    """(median seconds of `rounds` clean Hugo builds of `pages` posts, files written)."""
    hugo = shutil.which("hugo")
    if hugo is None:
        raise SystemExit("hugo is missing: `make bench` installs it with apt-get when run as root")
    folder = Path(folder)
    write_site(folder, pages)
    if _version(hugo) < (0, 128):  # older Hugo names the page size `paginate`
        config = folder / "hugo.toml"
        config.write_text(config.read_text().replace("[pagination]\n  pagerSize = 20\n", "paginate = 20\n"))
    times = []
    for _ in range(rounds):
        shutil.rmtree(folder / "public", ignore_errors=True)
        started = time.monotonic()
        subprocess.run([hugo, "--quiet", "-s", str(folder)], check=True, capture_output=True)
        times.append(time.monotonic() - started)
    files = sum(1 for _ in (folder / "public").rglob("*") if _.is_file())
    return statistics.median(times), files
