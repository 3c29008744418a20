from .base import *  # noqa: F403

DEBUG = env.get("DEBUG", "1") == "1"  # noqa: F405
SECRET_KEY = env.get("SECRET_KEY", "dev-only-not-secret")  # noqa: F405
ALLOWED_HOSTS = env.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")  # noqa: F405
# whitenoise serves collected files in production; here Django finds them in place.
MIDDLEWARE.remove("whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# An unknown address shows the site's own 404 page, not Django's debug page (tracebacks stay for errors).
if env.get("NASHR_DEBUG_404") != "1":  # noqa: F405
    MIDDLEWARE.append("nashr.core.middleware.DesignedNotFoundMiddleware")  # noqa: F405
