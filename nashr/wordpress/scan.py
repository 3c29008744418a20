"""Stage 1, read: a first pass over the whole file that writes nothing.

A malformed file stops here (`reader.WXRError`, naming the line) and the site is untouched. The pass
learns what later stages need without holding the file in memory: languages, translation groups,
attachments and page parents (`Scan`); it also counts what the file holds in the report.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from django.utils import timezone

from . import reader

CONTENT_TYPES = {"post", "page", "attachment"}
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass
class Scan:
    """What the first pass learns, kept small: ids, languages, groups, parents, file names."""

    channel: reader.Channel | None = None
    authors: dict = field(default_factory=dict)  # login -> Author
    terms: dict = field(default_factory=dict)  # (taxonomy, slug) -> Term
    terms_by_id: dict = field(default_factory=dict)
    language_names: dict = field(default_factory=dict)  # Polylang language slug -> name
    item_language: dict = field(default_factory=dict)  # post id -> WordPress language code
    item_group: dict = field(default_factory=dict)  # post id -> translation group
    term_language: dict = field(default_factory=dict)
    term_group: dict = field(default_factory=dict)
    languages: Counter = field(default_factory=Counter)
    attachments: dict = field(default_factory=dict)  # post id -> {url, file, parent, link}
    attachment_by_url: dict = field(default_factory=dict)
    children_attachments: dict = field(default_factory=lambda: defaultdict(list))
    page_parent: dict = field(default_factory=dict)
    importable: set = field(default_factory=set)  # posts and pages that will become pages
    post_types: Counter = field(default_factory=Counter)


def read(path, report):
    """The `Scan` of the export at `path`; what it holds is counted in `report`."""
    scan = Scan()
    for record in reader.read(path):
        if isinstance(record, reader.Channel):
            scan.channel = record
        elif isinstance(record, reader.Author):
            scan.authors[record.login] = record
            report.hold("author")
        elif isinstance(record, reader.Term):
            scan_term(scan, record, report)
        else:
            scan_item(scan, record, report)
    translation_groups(scan)
    for post_id in scan.importable:
        scan.languages[scan.item_language.get(post_id)] += 1
    for term_id in scan.term_language:
        term = scan.terms_by_id.get(term_id)
        if term is not None and term.taxonomy in ("category", "post_tag"):
            scan.languages[scan.term_language[term_id]] += 0
    return scan


def translation_groups(scan):
    """Languages and translation groups of items and terms, as Polylang's terms or WPML's meta say."""
    for term in scan.terms.values():
        if term.taxonomy == "term_translations":
            for lang, term_id in reader.php_unserialize_map(term.description).items():
                scan.term_language.setdefault(str(term_id), lang)
                scan.term_group.setdefault(str(term_id), f"pll:{term.slug}")
        elif term.taxonomy == "post_translations":
            for lang, post_id in reader.php_unserialize_map(term.description).items():
                scan.item_language.setdefault(str(post_id), lang)
                scan.item_group.setdefault(str(post_id), f"pll:{term.slug}")
    for term in scan.terms_by_id.values():
        lang = term.meta.get("_wpml_import_language_code")
        if isinstance(lang, str) and lang:
            scan.term_language[term.term_id] = lang
            trid = term.meta.get("_wpml_import_translation_group")
            if isinstance(trid, str) and trid:
                scan.term_group[term.term_id] = f"wpml:{trid}"


def scan_term(scan, term, report):
    scan.terms[(term.taxonomy, term.slug)] = term
    if term.term_id:
        scan.terms_by_id[term.term_id] = term
    if term.taxonomy == "language":
        scan.language_names[term.slug] = term.name
    if term.taxonomy in ("category", "post_tag"):
        report.hold("category" if term.taxonomy == "category" else "tag")


def scan_item(scan, item, report):
    scan.post_types[item.post_type] += 1
    kind = item.post_type if item.post_type in CONTENT_TYPES else "other"
    report.hold(kind)
    report.hold("comment", len(item.comments))
    lang, group = language_of(item), group_of(item)
    if lang:
        scan.item_language[item.wp_id] = lang
    if group:
        scan.item_group[item.wp_id] = group
    if item.post_type == "attachment":
        url = item.attachment_url or item.guid
        scan.attachments[item.wp_id] = {
            "url": url,
            "file": item.meta.get("_wp_attached_file", ""),
            "parent": item.parent,
            "link": item.link,
        }
        if url:
            scan.attachment_by_url[url_key(url)] = item.wp_id
        if item.parent != "0":
            scan.children_attachments[item.parent].append(item.wp_id)
    elif item.post_type in ("post", "page") and status_plan(item)[0] != "skip":
        scan.importable.add(item.wp_id)
        if item.post_type == "page" and item.parent != "0":
            scan.page_parent[item.wp_id] = item.parent


def language_of(item):
    """The WordPress language of an item: Polylang's language term, or WPML's import meta."""
    for nicename, name in item.terms_of("language"):
        return nicename or name
    code = item.meta.get("_wpml_import_language_code") or item.meta.get("_wpml_language")
    return code if isinstance(code, str) and code else None


def group_of(item):
    for nicename, name in item.terms_of("post_translations"):
        return f"pll:{nicename or name}"
    trid = item.meta.get("_wpml_import_translation_group")
    return f"wpml:{trid}" if isinstance(trid, str) and trid else None


STATUS_PLANS = {
    "trash": ("skip", "in WordPress's trash"),
    "auto-draft": ("skip", "an auto-draft, never written"),
    "inherit": ("skip", "a revision"),
    "future": ("scheduled", "scheduled: will be published at its date"),
    "private": ("draft", "private: kept as a draft"),
    "pending": ("draft", "pending review: kept as a draft"),
    "draft": ("draft", "a draft: kept as a draft"),
}


def status_plan(item):
    """(plan, reason): plan is live, protected, scheduled, draft or skip."""
    status = item.status or "draft"
    if status == "publish":
        if item.password:
            return "protected", "password-protected: published behind the same password"
        return "live", None
    return STATUS_PLANS.get(status, ("draft", f"status {status!r}: kept as a draft"))


def parse_date(value_gmt, value_local):
    for value, zone in ((value_gmt, dt.UTC), (value_local, timezone.get_current_timezone())):
        value = (value or "").strip()
        if not value or value.startswith("0000"):
            continue
        try:
            naive = dt.datetime.fromisoformat(value.replace("T", " ")[:19])
        except ValueError:
            continue
        return naive.replace(tzinfo=zone) if naive.tzinfo is None else naive
    return None


def url_key(url):
    """An attachment URL without scheme, host and WordPress's size suffix: the file it shows."""
    try:
        path = unquote(urlparse(url).path)
    except ValueError:  # "http://[host": not an address, so nothing links to it by one
        return url
    return SIZE_SUFFIX.sub("", path)
