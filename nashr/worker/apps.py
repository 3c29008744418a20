from django.apps import AppConfig


class WorkerConfig(AppConfig):
    """The background worker (`manage.py worker`): runs tasks and publishes scheduled pages. Foundation level:
    it knows Django, Wagtail and django-tasks, never a content app."""

    name = "nashr.worker"
    label = "worker"
