"""Folders the bench replaces are moved aside, and deleted once everything is timed.

Deleting a folder of thousands of files makes creating files on the same ext4 file system slow for about
half a minute after: the inode allocator passes over the inodes freed in the last 30 seconds
(`recently_deleted` in the kernel's fs/ext4/ialloc.c), reading each one's table entry. A build timed right
after the deletion of the last build's output measured the deletion too: `perf` showed the allocator's
functions as the kernel's top ones, and `publish_static` of the 2,000-article site took 17-24 s of system
CPU after the deletion against 5-8 s without it (Hugo's builds, each after the deletion of the last one's
output, paid it as well). A rename is one entry in a folder: the bench renames and deletes at the end.
"""

import shutil
import uuid
from pathlib import Path

ASIDE = Path(__file__).resolve().parent.parent / "var" / "bench" / "set-aside"


def set_aside(folder):
    """Move `folder` (if there is one) out of the way, to be deleted by `empty()`."""
    folder = Path(folder)
    if folder.exists():
        ASIDE.mkdir(parents=True, exist_ok=True)
        folder.rename(ASIDE / f"{folder.name}-{uuid.uuid4().hex[:8]}")


def empty():
    """Delete what was set aside: once nothing is being timed."""
    shutil.rmtree(ASIDE, ignore_errors=True)
