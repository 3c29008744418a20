from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env["SECRET_KEY"]  # noqa: F405  -- a KeyError at boot beats a silent default
ALLOWED_HOSTS = env["ALLOWED_HOSTS"].split(",")  # noqa: F405
CSRF_TRUSTED_ORIGINS = [o for o in env.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.get("SECURE_COOKIES", "1") == "1"  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Every staff account needs a passkey or an authenticator app (NASHR_REQUIRE_2FA=0 turns it off).
NASHR_REQUIRE_2FA = env.get("NASHR_REQUIRE_2FA", "1") == "1"  # noqa: F405
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "0"))  # noqa: F405

if "EMAIL_HOST" in env:  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env["EMAIL_HOST"]  # noqa: F405
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))  # noqa: F405
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")  # noqa: F405
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")  # noqa: F405
    EMAIL_USE_TLS = env.get("EMAIL_USE_TLS", "1") == "1"  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},  # noqa: F405
}

# Behind nginx (docs/nginx/proxy.conf sets X-Real-IP): the client's address comes from the header, believed
# only from NASHR_TRUSTED_PROXIES (loopback by default), so a client reaching the app directly cannot fake it.
NASHR_CLIENT_IP_HEADER = env.get("NASHR_CLIENT_IP_HEADER", "HTTP_X_REAL_IP") or None  # noqa: F405
