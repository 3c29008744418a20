"""The static output follows the page cache's rule: a change renews its edition, so the edition's files go.

A renewed edition may show the change on any of its pages (recent posts, related posts, neighbours,
listings, feeds): every file of it written before the change may be wrong. Re-rendering them all takes the
worker seconds at 2,000 articles and minutes at 50,000, so the acting process does not wait for it: before
the action returns it **withdraws** the files of the editions touched (and those of the addresses outside
any edition: sitemaps, robots.txt). nginx then hands those addresses to the app (`try_files ... @app`),
which renders them afresh under the renewed generation and keeps them in its page cache, as it does when
there is no static output. The worker writes the files back, the addresses that show the change first.

Withdrawing is one rename per edition folder into a trash folder inside the output, which nginx never
serves (`location ^~ /.withdrawn-` in docs/nginx/nashr.conf); the task the same change queued empties it
once it has written the files that show the change (deleting an edition's files takes seconds).

A render that began before a change may finish after its edition was withdrawn. Each withdrawal leaves a
mark in the shared cache (per edition, and for the addresses outside any), set before its folders move;
the writer (`Watch`) reads its address's mark before rendering and again after writing, and removes what it
wrote if the mark moved: a late file is either moved away with its folder or seen and removed.
"""

import os
import secrets
import shutil
from pathlib import Path

from django.core.cache import cache

from nashr.caching.store import GLOBAL, edition_codes, scope_of

TRASH_PREFIX = ".withdrawn-"


def _mark_key(scope):
    return f"nashr:static:withdrawn:{scope}"


def withdraw(root, editions):
    """Move out of `root` the folders of `editions` (language codes; None: the whole site) and every file
    or folder of the addresses outside any edition. Returns the trash folder (None: nothing was there)."""
    root = Path(root)
    codes = set(edition_codes())
    withdrawn = set(codes if editions is None else editions)
    # The marks first: a file written before them is among what is listed below, one written after them
    # is seen by its writer.
    scopes = [*(f"edition:{code}" for code in withdrawn), GLOBAL]
    cache.set_many({_mark_key(scope): secrets.token_hex(8) for scope in scopes}, None)
    try:
        entries = list(os.scandir(root))
    except FileNotFoundError:
        return None
    moving = [
        entry.name
        for entry in entries
        if not entry.name.startswith(".") and (entry.name in withdrawn or entry.name not in codes)
    ]
    if not moving:
        return None
    trash = root / f"{TRASH_PREFIX}{secrets.token_hex(8)}"
    trash.mkdir()
    for name in moving:
        try:
            os.rename(root / name, trash / name)
        except FileNotFoundError:  # another process withdrew it first
            continue
    return trash


def empty_trash(root):
    """Delete what earlier withdrawals moved aside (the worker's task, after its first files)."""
    try:
        entries = [entry for entry in os.scandir(root) if entry.name.startswith(TRASH_PREFIX)]
    except FileNotFoundError:
        return
    for entry in entries:
        shutil.rmtree(entry.path, ignore_errors=True)


class Watch:
    """Whether an address's files were withdrawn while they were rendered (see the module's docstring):
    `start(path)` before rendering, `withdrawn(path)` after writing. One cache read an address: what is
    read after one address is what the next one of its edition starts from."""

    def __init__(self):
        self.marks = {}

    def start(self, path):
        scope = scope_of(path)
        if scope not in self.marks:
            self.marks[scope] = cache.get(_mark_key(scope))

    def withdrawn(self, path):
        scope = scope_of(path)
        before, self.marks[scope] = self.marks.get(scope), cache.get(_mark_key(scope))
        return self.marks[scope] != before
