"""Staff accounts and what every response carries: the second step of signing in, passwords, sign-in
throttling and client addresses, the Content-Security-Policy and other headers, sessions and cookies.

Imported by base.py (docs/how-to/security.md tells what to configure and why).
"""

import os

from nashr.accounts.deferred_packages import defer_package_init

env = os.environ.copy()

# The second step of signing in (nashr/accounts, decision 0014): a passkey or an authenticator app, with
# recovery codes. An account that has one always passes the second step; NASHR_REQUIRE_2FA makes every
# account enrol one before anything else (on by default in production).
NASHR_REQUIRE_2FA = env.get("NASHR_REQUIRE_2FA", "0") == "1"
OTP_TOTP_ISSUER = env.get("NASHR_SITE_NAME", "Nashr")
# Passkeys belong to the address the admin is reached at: relying party and origin come from the request
# (nashr/accounts/webauthn.py), so the library's list of origins stays empty and its check is silenced.
OTP_WEBAUTHN_HELPER_CLASS = "nashr.accounts.webauthn.SiteWebAuthnHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "nashr.accounts.webauthn.relying_party_id"
OTP_WEBAUTHN_RP_NAME = env.get("NASHR_SITE_NAME", "Nashr")
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second step, after the password
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# The passkey library loads all of itself, with cryptography, pyOpenSSL and pyasn1 (about 15 MB), only for a
# passkey ceremony; the models and checks every worker loads need only its data classes. Its CBOR parser's
# compiled module (0.8 MB) loads when a passkey's data is first read or written: cbor2's names are used
# only inside its functions.
defer_package_init("webauthn", "webauthn.helpers", "cbor2")

# Staff passwords (docs/how-to/security.md): at least 12 characters (NIST SP 800-63B asks 8 and advises
# longer; a passphrase of three or four words is easy to type and remember), not like the account's names
# or address, not in Django's list of 20,000 common passwords, and hard to guess by zxcvbn's offline
# estimate (score 3 of 4: it would take an offline attacker more than about a year with slow hashing),
# which also knows the publication's and the sites' names (nashr/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(env.get("NASHR_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "nashr.accounts.passwords.NewsroomPasswordValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 3
PASSWORD_EXTRA_DICTIONARY = [env.get("NASHR_SITE_NAME", "Nashr"), "nashr", "newsroom", "wagtail", "admin"]

# Security headers. Readers receive nothing from third parties: every source is 'self'.
CONTENT_SECURITY_POLICY = {
    # The admin is for staff and ships its own inline code; the public site gets the strict policy.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# The admin's policy (/admin/, the second step, the translation editor, previews), sent by
# nashr/accounts/csp.py: as strict as Wagtail 8 allows, each allowance measured by browser/admin_csp.py
# (docs/how-to/security.md says why each is there). NASHR_ADMIN_CSP_REPORT_ONLY=1 reports, blocks nothing.
NASHR_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Draftail (the rich text editor) writes <style> elements, React and Wagtail's widgets style attributes.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "blob:"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
NASHR_ADMIN_CSP_REPORT_ONLY = env.get("NASHR_ADMIN_CSP_REPORT_ONLY", "0") == "1"
# Browser features no page of the site uses (public pages, and the static output through
# docs/nginx/security-headers.conf); the admin also uses passkeys (nashr/accounts/csp.py).
NASHR_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "publickey-credentials-get",
        "publickey-credentials-create",
    )
}
NASHR_ADMIN_PERMISSIONS_POLICY = {
    "publickey-credentials-get": ["self"],
    "publickey-credentials-create": ["self"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Staff sessions (readers have none): signed out after NASHR_SESSION_IDLE_MINUTES without activity and
# NASHR_SESSION_MAX_HOURS after signing in (nashr/accounts/sessions.py). The cookie and the stored session
# last no longer. Cookies: never readable by scripts; sent with top-level navigations from other sites
# (a link to the admin in an e-mail) but not with their forms, images or frames (Lax). Production makes
# them Secure (SECURE_COOKIES, nashr/settings/production.py).
NASHR_SESSION_IDLE_MINUTES = int(env.get("NASHR_SESSION_IDLE_MINUTES", "120"))
NASHR_SESSION_MAX_HOURS = int(env.get("NASHR_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = NASHR_SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # Wagtail and the passkey scripts take the token from the page, not the cookie

# The client's address (nashr/core/addresses.py): REMOTE_ADDR, or the header a proxy in front sets (e.g.
# HTTP_X_REAL_IP behind nginx) when REMOTE_ADDR is one of NASHR_TRUSTED_PROXIES (addresses or CIDR networks,
# comma-separated). A client that reaches the application directly cannot fake the header.
NASHR_CLIENT_IP_HEADER = env.get("NASHR_CLIENT_IP_HEADER")
NASHR_TRUSTED_PROXIES = [
    net.strip() for net in env.get("NASHR_TRUSTED_PROXIES", "127.0.0.1/32,::1/128").split(",") if net.strip()
]

# Sign-in throttling (nashr/accounts/throttle.py, decision 0015). Failures are counted for WINDOW seconds, per
# account and address together, per address and per account. From DELAY_AFTER failures of one account from
# one address each further try waits 1 s, doubling up to MAX_DELAY; PAIR_LOCK_AFTER of them lock the pair
# for PAIR_LOCK seconds; ADDRESS_LOCK_AFTER failures from one address (any accounts) lock it for ADDRESS_LOCK;
# ACCOUNT_LOCK_AFTER failures of one account from anywhere lock it for ACCOUNT_LOCK, except from the
# addresses it completed a sign-in from in the last KNOWN_ADDRESS_DAYS.
NASHR_SIGN_IN_THROTTLE = {
    "WINDOW": int(env.get("NASHR_SIGN_IN_WINDOW", "3600")),
    "DELAY_AFTER": 3,
    "MAX_DELAY": 60,
    "PAIR_LOCK_AFTER": 10,
    "PAIR_LOCK": int(env.get("NASHR_SIGN_IN_PAIR_LOCK", "900")),
    "ADDRESS_LOCK_AFTER": 30,
    "ADDRESS_LOCK": int(env.get("NASHR_SIGN_IN_ADDRESS_LOCK", "3600")),
    "ACCOUNT_LOCK_AFTER": 50,
    "ACCOUNT_LOCK": int(env.get("NASHR_SIGN_IN_ACCOUNT_LOCK", "300")),
    "KNOWN_ADDRESS_DAYS": 30,
}
# Password reset mails asked for from one address: at most this many per so many seconds (and none from a
# locked address); the page says the same whatever happened.
NASHR_PASSWORD_RESET_RATE = (5, 3600)
WAGTAILADMIN_USER_LOGIN_FORM = "nashr.accounts.forms.ThrottledLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "nashr.accounts.forms.ThrottledPasswordResetForm"
