"""build/screenshots/index.html: every page's screenshots side by side, one row per page.

With NASHR_SCREENSHOTS_BEFORE naming the screenshots folder of an earlier run (keep one: `cp -r
build/screenshots build/screenshots-before` on the main branch), each cell shows that run's picture of the
same page above this run's, "before" and "after"; they are copied into build/screenshots/before/.
"""

import os
import shutil
from html import escape
from pathlib import Path


def write_index(folder, visits, editions, widths):
    shots = {(v.page.name, v.edition, v.width): v for v in visits if v.screenshot}
    names = list(dict.fromkeys(v.page.name for v in visits))
    columns = [(edition, width) for edition in editions for width in widths]
    head = "".join(f"<th>{escape(edition)}, {width} px</th>" for edition, width in columns)
    rows = []
    for name in names:
        cells = []
        for edition, width in columns:
            visit = shots.get((name, edition, width))
            if visit is None:
                cells.append("<td></td>")
                continue
            problems = len(visit.violations) + len(visit.foreign) + (1 if visit.cls else 0)
            note = f"<p class=bad>{problems} problem(s)</p>" if problems else ""
            src = escape(visit.screenshot.name)
            shot = picture(src, width)
            earlier = before(folder, visit.screenshot.name)
            if earlier:
                shot = f"<p>before</p>{picture(earlier, width)}<p>after</p>{shot}"
            link = f'<a href="{escape(visit.url)}">{escape(visit.url)}</a>'
            cells.append(f"<td>{note}{shot}<p>{link}</p></td>")
        rows.append(f"<tr><th>{escape(name)}</th>{''.join(cells)}</tr>")
    (folder / "index.html").write_text(
        "<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>Nashr screenshots</title>\n"
        "<style>body{font-family:system-ui;margin:1rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.5rem;vertical-align:top;text-align:start}"
        "img{display:block;height:auto;border:1px solid #eee}.bad{color:#b00020;font-weight:700}"
        "td p{font-size:.75rem;max-width:320px;overflow-wrap:anywhere}</style>\n"
        "<h1>Nashr screenshots</h1><p>Click a picture for the full page.</p>\n"
        f"<table><tr><th>page</th>{head}</tr>\n" + "\n".join(rows) + "</table>\n",
        encoding="utf-8",
    )


def picture(src, width):
    return f'<a href="{src}"><img src="{src}" width="{min(width, 320)}" alt="" loading="lazy"></a>'


def before(folder, name):
    """The earlier run's screenshot `name`, copied beside this run's (its address in the index), if any."""
    earlier = os.environ.get("NASHR_SCREENSHOTS_BEFORE")
    if not earlier or not (Path(earlier) / name).exists():
        return ""
    (folder / "before").mkdir(exist_ok=True)
    shutil.copyfile(Path(earlier) / name, folder / "before" / name)
    return escape(f"before/{name}")
