"""The page cache and the shared fragments: one store, one way to invalidate it.

Everything kept here lives in Django's default cache, which every process on the machine shares (Redis with
`REDIS_URL`; otherwise a SQLite-backed cache in `NASHR_VAR_DIR/cache`): web workers, the worker, management
commands and a shell all read and renew the same entries.

Invalidation is by *generation*. There are three kinds, each a random token under its own key:

- one per edition (`edition:fa`), for every page, listing, feed and fragment under `/fa/`;
- `global`, for the addresses outside any edition (sitemaps, robots.txt);
- `site`, for fragments shown alike in every edition (the list of editions, pictures); renewing the whole
  site renews every generation.

A cached page or fragment is stored under the generations current when its render *started*, so a render
that read old content can only ever be stored where no reader looks once the change has renewed them.
Publishing anything in an edition renews that edition (and `global`): every page there shows its recent
posts, related posts, neighbours or listings, so the edition is the honest unit of "what shows this".
That costs one render of each page of the edition on its next read, never a stale page.
"""

import hashlib
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import caches

PREFIX = "nashr:"
SITE = "site"
GLOBAL = "global"

# Generations read in this request (see request_generations): {key: generation}.
_read = ContextVar("nashr_generations_read", default=None)
# Values built once in this request (see per_request): {name: value}.
_memo = ContextVar("nashr_request_memo", default=None)


def _cache():
    return caches[getattr(settings, "NASHR_PAGE_CACHE_ALIAS", "default")]


def timeout():
    return getattr(settings, "NASHR_PAGE_CACHE_TIMEOUT", 24 * 3600)


def edition_codes():
    return [code for code, _name in settings.LANGUAGES]


def scope_of(path):
    """The generation a URL path's pages live under: its edition's (`/fa/...`), or `global`."""
    first = unquote(path).lstrip("/").split("/", 1)[0]
    return f"edition:{first}" if first in edition_codes() else GLOBAL


def _key(scope):
    return f"{PREFIX}gen:{scope}"


@contextmanager
def request_generations():
    """Within it (one request), each generation is read from the cache once, however many fragments ask:
    what the request renders is one consistent view of the site. A renewal in the request forgets them,
    and what `per_request` kept for it."""
    token = _read.set({})
    memo_token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(memo_token)
        _read.reset(token)


def per_request(name, build):
    """`build()` once per request however many components ask (the view restrictions, the site, the
    published editions); outside a request, every time. Never kept beyond the request that built it, so
    nothing here can be older than the request: no process ever shows a change late because of it."""
    memo = _memo.get()
    if memo is None:
        return build()
    if name not in memo:
        memo[name] = build()
    return memo[name]


def keep_reads(reads):
    """Keep `reads` ({name: rows}, read ahead by `together.read_together`) for the first call of each in this
    request, and for that call only. Outside a request nothing is kept (False)."""
    kept = reads_kept()
    if kept is None:
        return False
    kept.update(reads)
    return True


def take_read(call):
    """The rows kept for `call` (`queries.Call`), given once, or None: when nothing is kept, as on most
    calls, its name is not even worked out."""
    memo = _memo.get()
    reads = memo.get(_READS) if memo else None
    return reads.pop(call.name, None) if reads else None


def reads_kept():
    """What this request keeps of the rows read ahead ({name: rows}), or None outside a request."""
    memo = _memo.get()
    return None if memo is None else memo.setdefault(_READS, {})


def reads_left():
    """The names of the rows read ahead in this request that no call has taken yet."""
    memo = _memo.get()
    return list(memo.get(_READS, {})) if memo else []


_READS = "prepared-reads"


def has_per_request(name):
    """Whether `per_request` holds `name` in this request."""
    memo = _memo.get()
    return memo is not None and name in memo


def forget(*names):
    """Drop what `per_request` kept under these names in this request: the request changed what they read
    (a view restriction saved or deleted while the admin copies a page, say)."""
    memo = _memo.get()
    if memo is not None:
        for name in names:
            memo.pop(name, None)


def generations(*scopes):
    """The current generation of each scope (started where there is none yet), in order."""
    keys = [_key(scope) for scope in scopes]
    read = _read.get()
    known = {} if read is None else read
    missing = [key for key in keys if key not in known]
    if missing:
        cache = _cache()
        found = cache.get_many(missing)
        for key in missing:
            value = found.get(key)
            if value is None:  # never set, or lost with the cache: start one (another process may be first)
                cache.add(key, secrets.token_hex(8), None)
                value = cache.get(key)
            if value is None:  # unreadable (the embedded cache counts a read held up by a writer as a miss):
                value = secrets.token_hex(8)  # one for this request alone, under which nothing is ever found
            known[key] = value
    return tuple(known[key] for key in keys)


def renew(editions=(), everything=False):
    """Drop every page and fragment of these editions (language codes) and of the addresses outside any
    edition; with `everything`, of the whole site. Takes effect for every process at once."""
    # The whole site: every edition and `global` too, so a page is found through its own scope's generation
    # alone (one cache read fewer on every hit); fragments kept for the whole site follow `site`.
    if everything:
        editions = edition_codes()
    scopes = [*(f"edition:{code}" for code in editions), GLOBAL, *([SITE] if everything else [])]
    _cache().set_many({_key(scope): secrets.token_hex(8) for scope in scopes}, None)
    read = _read.get()
    if read is not None:
        read.clear()
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class Slot:
    """Where one request's page lives in the cache, under the generations read before rendering it."""

    def __init__(self, path, query, host=""):
        self.path, self.query, self.host = path, query, host
        (scope,) = generations(scope_of(path))
        digest = hashlib.blake2b(f"{host}\x1f{path}\x1f{query}".encode(), digest_size=16).hexdigest()
        self.key = f"{PREFIX}page:{scope}:{digest}"

    def get(self):
        entry = _cache().get(self.key)
        # A stored entry carries its address: a hash collision can never serve another page.
        if entry is not None and (entry.path, entry.query, entry.host) == (self.path, self.query, self.host):
            return entry
        return None

    def put(self, entry):
        _cache().set(self.key, entry, timeout())


def fragment(name, build, edition=None):
    """`build()`, shared by every page and process that shows it, until it may have changed.

    Kept until the site's generation changes and, with `edition` (a language code), that edition's: use it
    for anything that lists the edition's pages (recent posts, menus that link its pages). Everything that
    identifies the value besides the edition belongs in `name`.
    """
    return fragments([name], lambda names: {name: build()}, edition=edition)[name]


def fragments(names, build, edition=None):
    """{name: value} for each of `names`, as `fragment` keeps them, read in one round trip: `build(missing)`
    gives {name: value} for the names not kept, all at once (one set of queries for all of them)."""
    if not getattr(settings, "NASHR_FRAGMENTS", True):
        return build(list(names))
    scopes = (f"edition:{edition}",) if edition else (SITE,)
    current = generations(*scopes)
    keys = {
        name: f"{PREFIX}frag:{hashlib.blake2b(name.encode(), digest_size=16).hexdigest()}" for name in names
    }
    cache = _cache()
    stored = cache.get_many(list(keys.values()))
    found = {}
    for name, key in keys.items():
        value = stored.get(key)
        if value is not None and value[0] == current and value[1] == name:
            found[name] = value[2]
    missing = [name for name in keys if name not in found]
    if missing:
        built = build(missing)
        cache.set_many({keys[name]: (current, name, built[name]) for name in missing}, timeout())
        found.update(built)
    return found
