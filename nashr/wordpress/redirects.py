"""Stage 7, redirects: every old WordPress address of what was imported leads to what it became.

Terms, attachments and pages each ask `Redirects.add` for their old addresses (`old_paths`) as they are
imported. An old address that already leads elsewhere is left alone, and reported. A new post's redirects
wait in its `NewPost` and are written with it.
"""

from urllib.parse import urlparse

from wagtail.contrib.redirects.models import Redirect

from .scan import parse_date


def path_of(url):
    """The path and query of an old address, or "" for none or a malformed one (no redirect from it)."""
    try:
        parsed = urlparse(url or "")
    except ValueError:
        return ""
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def old_paths(item, kind, base):
    """The addresses WordPress served `item` at, under the site's path `base`."""
    paths = [path_of(item.link)]
    if "?" in item.guid:
        paths.append(path_of(item.guid))
    if kind == "attachment":
        return [*paths, f"{base}/?attachment_id={item.wp_id}"]
    paths += [f"{base}/?p={item.wp_id}"]
    if kind == "page":
        return [*paths, f"{base}/?page_id={item.wp_id}"]
    local = parse_date("", item.date) or parse_date(item.date_gmt, "")
    if item.name:
        paths.append(f"{base}/{item.name}/")
        if local:
            paths += [
                f"{base}/{local:%Y/%m/%d}/{item.name}/",
                f"{base}/{local:%Y/%m}/{item.name}/",
                f"{base}/{local:%Y}/{item.name}/",
            ]
    paths += [f"{base}/archives/{item.wp_id}/", f"{base}/{item.wp_id}/"]
    return paths


class Redirects:
    def __init__(self, run):
        self.run = run
        self.forget()

    def forget(self):
        self.existing = None  # old path -> (page id, link) of every site-wide redirect, read once

    def add(self, old_paths, *, page=None, link=None, post=None):
        """Redirect `old_paths` to `page` or `link`, unless they already lead elsewhere; with `post`, the
        rows and their report entries wait for the new post to be written."""
        report = post.outcomes.append if post is not None else lambda entry: self.run.report.add(*entry)
        paths = {Redirect.normalise_path(path) for path in old_paths if path}
        paths.discard("/")
        if not paths or self.run.dry_run:
            report(("redirect", "", "created" if self.run.dry_run else "skipped", None))
            return
        if self.existing is None:  # every site-wide redirect, read once (again after a failed item)
            self.existing = {
                old_path: (page_id, target)
                for old_path, page_id, target in Redirect.objects.filter(site=None).values_list(
                    "old_path", "redirect_page_id", "redirect_link"
                )
            }
        new = []
        for path in sorted(paths):
            current = self.existing.get(path)
            if current is None:
                new.append(Redirect(old_path=path, site=None, redirect_page=page, redirect_link=link or ""))
                self.existing[path] = (page.pk if page is not None else None, link or "")
                report(("redirect", "", "created", None))
            elif (page is not None and current[0] == page.pk) or (link and current[1] == link):
                report(("redirect", "", "unchanged", None))
            else:
                report(("redirect", "", "skipped", "the old address already leads elsewhere"))
        if post is not None:
            post.redirects += new
        else:
            Redirect.objects.bulk_create(new)
