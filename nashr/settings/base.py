"""Settings shared by every environment. Values that differ per deployment come from the environment."""

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from nashr.editions.editions import parse_edition_digits
from nashr.editions.machine import translator_setting
from nashr.settings.wagtail_apps import WAGTAIL_APPS

env = os.environ.copy()

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env.get("NASHR_VAR_DIR", BASE_DIR / "var"))
with contextlib.suppress(OSError):  # a read-only image keeps its state elsewhere (DATABASE_URL, MEDIA_ROOT)
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and uploads live here

INSTALLED_APPS = [
    "nashr.caching",
    "nashr.core",
    "nashr.editions",
    "nashr.users",
    "nashr.accounts",
    "nashr.images",
    "nashr.people",
    "nashr.navigation",
    "nashr.home",
    "nashr.articles",
    "nashr.multimedia",
    "nashr.publications",
    "nashr.desk",
    "nashr.comments",
    "nashr.contact",
    "nashr.feeds",
    "nashr.seo",
    "nashr.demo",
    "nashr.wordpress",
    "nashr.publishing",
    "nashr.search",
    "nashr.worker",
    "nashr.newsletters",
    "nashr.telegram",
    "nashr.offline",
    "nashr.api",
    "nashr.mirrors",
    "django_tasks_db",
    "anymail",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "nashr.accounts.zxcvbn_messages.ZxcvbnMessagesConfig",  # django-zxcvbn-password-validator's translations
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    *WAGTAIL_APPS,
]

MIDDLEWARE = [
    # First: a cached page is answered before anything else runs, with the headers the rest added.
    "nashr.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nashr.mirrors.middleware.OnionLocationMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nashr.wordpress.middleware.OldQueryLinkMiddleware",
    # A reader's GET is routed without the admin's addresses: before anything resolves or reverses one.
    "nashr.core.reader_urlconf.ReaderUrlconfMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "nashr.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "nashr.accounts.sessions.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "nashr.accounts.csp.PolicyMiddleware",  # django-csp's, the site's policy built once
    "nashr.accounts.csp.SecurityHeadersMiddleware",  # the admin's policy, Permissions-Policy
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "nashr.urls"
# A reader's GET is routed with this one: every address but the admin's (nashr/core/reader_urlconf.py).
NASHR_READER_URLCONF = "nashr.reader_urls"
WSGI_APPLICATION = "nashr.wsgi.application"
AUTH_USER_MODEL = "users.User"

# Readers' templates are Jinja2's (nashr/jinja2, decision 0028), looked up first; the admin's, mail's and
# forms' are Django's.
CONTEXT_PROCESSORS = [
    "django.template.context_processors.debug",
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "nashr.editions.context_processors.edition",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [PROJECT_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "nashr.templating.environment", "context_processors": CONTEXT_PROCESSORS},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]

# Database: embedded SQLite unless DATABASE_URL says otherwise (postgres://... in production).
try:
    DATABASES = {
        "default": dj_database_url.parse(
            env.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nashr.sqlite3'}"),
            conn_max_age=int(env.get("DATABASE_CONN_MAX_AGE", "60")),
        )
    }
except (ValueError, dj_database_url.UnknownSchemeError) as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL ({error}): use sqlite:////path/to/file.sqlite3 or "
        "postgres://user:password@host:5432/name"
    ) from error
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database is shared by the web workers, the worker and commands: readers never wait for a
    # writer (write-ahead log), a transaction that will write takes the lock when it begins rather than
    # failing halfway when another process holds it, and a writer waits for its turn up to 20 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
elif (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and env.get("NASHR_DB_PREPARED_STATEMENTS", "1") != "0"
):
    # The queries every reader's page makes (caching/queries.PreparedQuery) are prepared by the server on a
    # connection's first use of each, then sent as values only: an article's time in PostgreSQL halves (8.6
    # -> 3.7 ms). Django's own queries bind on the client and are never prepared. Set
    # NASHR_DB_PREPARED_STATEMENTS=0 for a pooler that cannot keep prepared statements (PgBouncer in
    # transaction mode before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the page cache and the shared fragments (nashr/caching), so every process that serves or
# changes pages must see the same one: Redis with REDIS_URL; otherwise a SQLite-backed cache on this machine's
# disk (diskcache), shared by the web workers, the worker, management commands and a shell. Never a
# per-process cache: a change made by one process would not reach what another serves.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env["REDIS_URL"],
    }
    if env.get("REDIS_URL")
    else {
        "BACKEND": "nashr.caching.backends.DiskCache",
        "LOCATION": env.get("NASHR_CACHE_DIR", str(VAR_DIR / "cache")),
        "TIMEOUT": None,
        "SHARDS": 4,
        "DATABASE_TIMEOUT": 0.25,  # seconds a read waits for a writer before it counts as a miss
        # Past this size the least recently stored entries go (a miss, never a stale page).
        "OPTIONS": {
            "size_limit": int(env.get("NASHR_CACHE_SIZE_MB", "1024")) * 1024 * 1024,
            "disk_min_file_size": 1024 * 1024,  # pages are kept inside SQLite, not as files beside it
        },
    }
}

# Editions. Each language here is one edition of the publication, with its own Locale and page tree.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fa", "فارسی"),
    ("ar", "العربية"),
    ("sq", "Shqip"),
]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "nashr_edition"
TIME_ZONE = env.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
# Translate makes a draft in the other edition; an editor publishes it (nashr/editions/translations.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in the translation editor, off unless NASHR_MACHINE_TRANSLATOR names one
# (nashr/editions/machine.py; docs/how-to/translation.md says what text leaves the server, and to whom).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = translator_setting(env)

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: reject oversized request bodies early; Wagtail checks image and document sizes itself.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_IMAGE_MODEL = "images.NashrImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "nashr.images.forms.ImageForm"
# Larger pictures are refused at upload: a 60-megapixel photo is far beyond any rendition we make.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "epub", "mp4", "webm", "mp3", "ogg", "odt", "docx", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024

WAGTAIL_SITE_NAME = env.get("NASHR_SITE_NAME", "Nashr")
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search: SQLite FTS5 or PostgreSQL full text, chosen by the database. Text is normalized for its edition
# before either sees it (nashr/search/normalizer.py), so PostgreSQL uses the `simple` configuration: no
# second stemmer, the same results as SQLite. docs/how-to/search.md tells how to move to OpenSearch.
# nashr.search.backends is Wagtail's database backend with plain-string queries (the admin's) normalized too.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "nashr.search.backends", "SEARCH_CONFIG": "simple"}}
WAGTAILEMBEDS_FINDERS = []  # embeds are stored with the page; nothing is fetched while rendering
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars fetched from a third party, even for staff
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor the dashboard's check for new Wagtail releases
TAGGIT_CASE_INSENSITIVE = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Background work runs through Django's tasks framework (django-tasks): tasks are rows in the database, run
# by `manage.py worker` (nashr/worker), which also publishes scheduled pages. Tests run them immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds between rounds of scheduled publishing; between a worker's signs of life; of silence after which
# a worker's running tasks go back to the queue. A failing task runs NASHR_TASK_ATTEMPTS times in all, the
# first retry NASHR_TASK_RETRY_DELAY seconds after the failure, doubled each time (nashr/worker/retries.py).
NASHR_SCHEDULE_INTERVAL = float(env.get("NASHR_SCHEDULE_INTERVAL", "10"))
# Seconds between the worker's looks at an idle queue.
NASHR_WORKER_INTERVAL = float(env.get("NASHR_WORKER_INTERVAL", "0.25"))
NASHR_WORKER_HEARTBEAT = float(env.get("NASHR_WORKER_HEARTBEAT", "5"))
NASHR_WORKER_LOST_AFTER = float(env.get("NASHR_WORKER_LOST_AFTER", "30"))
NASHR_TASK_ATTEMPTS = int(env.get("NASHR_TASK_ATTEMPTS", "3"))
NASHR_TASK_RETRY_DELAY = float(env.get("NASHR_TASK_RETRY_DELAY", "5"))

# Mail: console in the embedded mode; production sets EMAIL_HOST and friends.
EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Pictures in reader mail (nashr/mail): "site" links them on the site's address, "inline" carries them in the
# message (cid:). Never from anywhere else.
NASHR_MAIL_IMAGES = env.get("NASHR_MAIL_IMAGES", "site")

# Digits per edition by CLDR name ("latn", "arab", "arabext"), e.g. NASHR_EDITION_DIGITS=ar:arab; editions
# not named keep their default (nashr/editions/editions.py). NASHR_FARSI_GREGORIAN=1 prints the Gregorian date
# beside the Solar Hijri one in the Farsi edition.
NASHR_EDITION_DIGITS = parse_edition_digits(env.get("NASHR_EDITION_DIGITS", ""))
NASHR_FARSI_GREGORIAN = env.get("NASHR_FARSI_GREGORIAN", "0") == "1"

# Full-page cache for anonymous readers and static output (nashr/publishing). Paths matching
# NASHR_PAGE_CACHE_BYPASS are never cached: the admin, uploads, forms' endpoints and search.
NASHR_PAGE_CACHE = env.get("NASHR_PAGE_CACHE", "1") == "1"
NASHR_PAGE_CACHE_TIMEOUT = int(env.get("NASHR_PAGE_CACHE_TIMEOUT", str(24 * 3600)))
NASHR_PAGE_CACHE_BYPASS = (
    r"^/(?:admin|documents|static|media|anymail)/"
    r"|^/[a-z]{2}(?:-[a-z]+)?/(?:search|comments|contact-form|subscriptions)/"
)
# Offline editions (nashr/offline, docs/how-to/offline-editions.md): where the ZIPs are written (under
# MEDIA_ROOT they are served as media), how many pieces each holds, how often the worker rebuilds them.
NASHR_OFFLINE_DIR = env.get("NASHR_OFFLINE_DIR")  # unset: MEDIA_ROOT/offline (read when used)
NASHR_OFFLINE_PIECES = int(env.get("NASHR_OFFLINE_PIECES", "100"))
NASHR_OFFLINE_INTERVAL = int(env.get("NASHR_OFFLINE_INTERVAL", str(24 * 3600)))
# Seconds a bundle rebuild asked for by a change waits: the static output's urgent files go first.
NASHR_OFFLINE_DELAY = int(env.get("NASHR_OFFLINE_DELAY", "5"))
# Videos hosted elsewhere (nashr/core/outside.py): when an editor saves one without a poster, the server
# fetches the host's thumbnail and stores it as our image (readers' browsers never ask the host for it).
NASHR_FETCH_VIDEO_POSTERS = env.get("NASHR_FETCH_VIDEO_POSTERS", "1") == "1"
NASHR_VIDEO_POSTER_TIMEOUT = float(env.get("NASHR_VIDEO_POSTER_TIMEOUT", "10"))
NASHR_STATIC_DIR = env.get("NASHR_STATIC_DIR")  # kept up to date on publish when set (see publish_static)
# Mirrors (nashr/mirrors, docs/how-to/mirrors.md): what their files say about caching; how often a failing
# mirror is retried (5 s after the failure, doubled each time: 8 runs span about 20 minutes); how often the
# worker checks each mirror's public address.
NASHR_MIRROR_PAGE_CACHE_CONTROL = env.get("NASHR_MIRROR_PAGE_CACHE_CONTROL", "public, max-age=60")
NASHR_MIRROR_STATIC_CACHE_CONTROL = "public, max-age=31536000, immutable"  # hashed names (ManifestStorage)
NASHR_MIRROR_MEDIA_CACHE_CONTROL = "public, max-age=86400"
NASHR_MIRROR_ATTEMPTS = int(env.get("NASHR_MIRROR_ATTEMPTS", "8"))
NASHR_MIRROR_CHECK_INTERVAL = float(env.get("NASHR_MIRROR_CHECK_INTERVAL", "300"))
NASHR_MIRROR_STALE_AFTER = float(env.get("NASHR_MIRROR_STALE_AFTER", "600"))  # a publish reaches it by then
# Query parameters a page acts on: a request carrying one is never answered from the page cache. Any other
# parameter (tracking tags) is dropped before the page sees it (nashr/caching/middleware.py).
NASHR_PAGE_CACHE_PASS_PARAMS = ("comment", "next", "p", "page_id", "attachment_id", "cat", "tag")
# Addresses that act on their whole query string (the read API, nashr/api): keyed by all of it, parameters
# sorted, and kept only when the view says the answer is a real one (not a listing past its end).
NASHR_PAGE_CACHE_QUERY_PATHS = r"^/[a-z]{2}(?:-[a-z]+)?/api/"
# What many pages show (menus, footer, recent posts, cards, pictures), shared as fragments under the page
# cache's generations (nashr/caching/store.py). `0` rebuilds them on every render: for measuring only.
NASHR_FRAGMENTS = env.get("NASHR_FRAGMENTS", "1") == "1"

# The read API (nashr/api, docs/how-to/read-api.md): at most this many items per answer (`?limit=`).
WAGTAILAPI_LIMIT_MAX = 50

# Listings
NASHR_PAGE_SIZE = 10
NASHR_RECENT_POSTS = 5
NASHR_RELATED_POSTS = 4

# Feeds and sitemaps
NASHR_FEED_ITEMS = 30  # entries in each feed
NASHR_SITEMAP_MAX_URLS = 50_000  # URLs per sitemap file (the sitemaps.org limit)

# Readers' forms: at most LIMIT posts per WINDOW seconds from one address (see core/ratelimit.py).
NASHR_FORM_RATE = {"comment": (5, 600), "contact": (3, 600), "signup": (5, 600)}
# Moderators of an edition get at most one mail about waiting comments per this many seconds: the first
# waiting comment schedules it, the others join it (nashr/comments/notify.py).
NASHR_MODERATION_MAIL_DELAY = int(env.get("NASHR_MODERATION_MAIL_DELAY", "600"))

# Newsletters (nashr/newsletters, docs/how-to/newsletters.md): sent by the worker through EMAIL_BACKEND (SMTP,
# or an e-mail service provider through django-anymail). At most NASHR_NEWSLETTER_RATE messages a second
# (0: no limit), claimed NASHR_NEWSLETTER_BATCH at a time; a task sends for NASHR_NEWSLETTER_SLICE seconds,
# then leaves the worker to other tasks and continues in a new one. A run silent for
# NASHR_NEWSLETTER_STALE_AFTER seconds is taken over. Confirmation links last NASHR_NEWSLETTER_CONFIRM_DAYS.
NASHR_NEWSLETTER_FROM = env.get("NASHR_NEWSLETTER_FROM") or DEFAULT_FROM_EMAIL
NASHR_NEWSLETTER_RATE = float(env.get("NASHR_NEWSLETTER_RATE", "10"))
NASHR_NEWSLETTER_BATCH = int(env.get("NASHR_NEWSLETTER_BATCH", "100"))
NASHR_NEWSLETTER_SLICE = float(env.get("NASHR_NEWSLETTER_SLICE", "30"))
NASHR_NEWSLETTER_STALE_AFTER = float(env.get("NASHR_NEWSLETTER_STALE_AFTER", "60"))
NASHR_NEWSLETTER_CONFIRM_DAYS = int(env.get("NASHR_NEWSLETTER_CONFIRM_DAYS", "7"))
# Bounce and complaint webhooks of the provider (/anymail/<esp>/tracking/) answer only with this
# "user:password" in their basic authentication.
ANYMAIL = {"WEBHOOK_SECRET": env.get("ANYMAIL_WEBHOOK_SECRET", "")}

# Telegram channels per edition (nashr/telegram, docs/how-to/telegram.md): the Bot API's address (a stand-in
# in tests), seconds a call may take. Bot tokens are stored encrypted with NASHR_SECRETS_KEY (a Fernet key),
# or without it with a key derived from SECRET_KEY.
NASHR_TELEGRAM_API = env.get("NASHR_TELEGRAM_API", "https://api.telegram.org")
NASHR_TELEGRAM_TIMEOUT = float(env.get("NASHR_TELEGRAM_TIMEOUT", "10"))
NASHR_SECRETS_KEY = env.get("NASHR_SECRETS_KEY", "")

from .security import *  # noqa: E402,F403  (staff accounts, headers, sessions)
