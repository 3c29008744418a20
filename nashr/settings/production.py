from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env["SECRET_KEY"]  # noqa: F405  -- a KeyError at boot beats a silent default
ALLOWED_HOSTS = env["ALLOWED_HOSTS"].split(",")  # noqa: F405
CSRF_TRUSTED_ORIGINS = [o for o in env.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies sent over HTTPS only: the default. Only `make serve` on plain HTTP turns it off (SECURE_COOKIES=0,
# with a warning); behind nginx with TLS it must stay on (README, "Settings"; docs/how-to/security.md).
SESSION_COOKIE_SECURE = env.get("SECURE_COOKIES", "1") == "1"  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Every staff account needs a passkey or an authenticator app (NASHR_REQUIRE_2FA=0 turns it off).
NASHR_REQUIRE_2FA = env.get("NASHR_REQUIRE_2FA", "1") == "1"  # noqa: F405
# HSTS (docs/how-to/security.md): off until the site is known to work over HTTPS; then a day, then a year.
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "0"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0") == "1"  # noqa: F405
SECURE_HSTS_PRELOAD = env.get("SECURE_HSTS_PRELOAD", "0") == "1"  # noqa: F405

if "EMAIL_URL" in env:  # noqa: F405  -- smtp://user:password@host:587 (STARTTLS) or smtps://...:465 (TLS)
    from urllib.parse import unquote, urlsplit

    _mail = urlsplit(env["EMAIL_URL"])  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname
    EMAIL_PORT = _mail.port or (465 if _mail.scheme == "smtps" else 587)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_USE_TLS = _mail.scheme == "smtp" and "notls" not in _mail.query
elif "EMAIL_HOST" in env:  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env["EMAIL_HOST"]  # noqa: F405
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))  # noqa: F405
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")  # noqa: F405
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")  # noqa: F405
    EMAIL_USE_TLS = env.get("EMAIL_USE_TLS", "1") == "1"  # noqa: F405

# An e-mail service provider through django-anymail: EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend and
# its settings as ANYMAIL_<ESP>_<SETTING> (e.g. ANYMAIL_POSTMARK_SERVER_TOKEN).
ANYMAIL.update({k.removeprefix("ANYMAIL_"): v for k, v in env.items() if k.startswith("ANYMAIL_")})  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},  # noqa: F405
}

# Behind nginx (docs/nginx/proxy.conf sets X-Real-IP): the client's address comes from the header, believed
# only from NASHR_TRUSTED_PROXIES (loopback by default), so a client reaching the app directly cannot fake it.
NASHR_CLIENT_IP_HEADER = env.get("NASHR_CLIENT_IP_HEADER", "HTTP_X_REAL_IP") or None  # noqa: F405
