from django.db import models
from django.utils import timezone
from wagtail.fields import RichTextField
from wagtail.models import Page


class ArticlePage(Page):
    """The minimal article: a title, a date and a rich-text body."""

    date = models.DateTimeField(default=timezone.now)
    body = RichTextField(blank=True)

    template = "article_page.html"
