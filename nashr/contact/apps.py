from django.apps import AppConfig


def select_messages(email, before, options):
    from nashr.core.reader_data import by_email_and_age

    from .models import ContactMessage

    return by_email_and_age(ContactMessage.objects.all(), email, before)


class ContactConfig(AppConfig):
    name = "nashr.contact"
    label = "contact"

    def ready(self):
        from nashr.core.reader_data import ReaderData, register

        register(ReaderData("contact messages", select=select_messages, order=20))
