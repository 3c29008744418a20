from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "nashr.editions"
    label = "editions"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction

        from nashr.editions import translations
        from nashr.editions.published import forget_view_restrictions

        translations.install()
        for signal in (post_save, post_delete):
            signal.connect(forget_view_restrictions, sender=PageViewRestriction, dispatch_uid="forget")
