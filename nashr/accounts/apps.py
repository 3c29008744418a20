from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in to the admin: the second factor (passkeys, authenticator apps, recovery codes)."""

    name = "nashr.accounts"
    label = "accounts"

    def ready(self):
        from nashr.accounts.csp import start_choosers_without_inline_scripts

        start_choosers_without_inline_scripts()
