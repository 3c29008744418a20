"""Makes the font subsets in nashr/static/fonts/ from the npm packages named in nashr/editions/fonts.py.

Run by `make fonts` (after `make tools` installed the pinned packages). Each face keeps the characters its
editions need, its layout features (Arabic joining and marks, kerning, ligatures), no hinting (modern
browsers do not use TrueType hints at these sizes), WOFF2. The licence is copied beside the files.
"""

import shutil
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nashr.editions.fonts import FACES  # noqa: E402

PACKAGES = ROOT / "node_modules"
OUTPUT = ROOT / "nashr" / "static"
LICENCE = {"vazirmatn": "OFL.txt", "@fontsource/source-serif-4": "LICENSE"}
LICENCE_NAME = {"vazirmatn": "vazirmatn", "@fontsource/source-serif-4": "source-serif-4"}


def make(face, weight, source):
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # copyright, names, version: what the licence asks to keep
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    unicodes = subset.parse_unicodes(",".join(face.unicodes))
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    target = OUTPUT / face.file(weight)
    subset.save_font(font, str(target), options)
    return target


def main():
    (OUTPUT / "fonts").mkdir(parents=True, exist_ok=True)
    for face in FACES:
        package = PACKAGES / face.package
        if not package.exists():
            sys.exit(f"{package} is missing: run `make tools` first")
        for weight, source in face.sources.items():
            target = make(face, weight, package / source)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
        licence = OUTPUT / "fonts" / f"{LICENCE_NAME[face.package]}-OFL.txt"
        shutil.copyfile(package / LICENCE[face.package], licence)


if __name__ == "__main__":
    main()
