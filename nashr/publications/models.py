"""Books, and numbered issues of periodicals (the newsletter and the brief) published as PDF."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from nashr.core.blocks.body import RICH_TEXT_FEATURES
from nashr.core.models import PostPage


class BookPage(PostPage):
    template = "pages/book_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    book_authors = models.CharField(_("authors"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
    )

    content_panels = [
        *PostPage.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [FieldPanel("lead_image", heading=_("Cover")), FieldPanel("lead_caption")],
            heading=_("Cover"),
        ),
        FieldPanel("book_authors"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("pages"), FieldPanel("isbn")]),
        FieldPanel("description"),
        FieldPanel("document"),
    ]
    search_fields = [
        *PostPage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("book_authors"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("book")


class PeriodicalIssuePage(PostPage):
    """One numbered issue of the newsletter or of the brief, with its PDF."""

    class Periodical(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        BRIEF = "brief", _("Brief")

    template = "pages/periodical_issue_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []

    periodical = models.CharField(_("periodical"), max_length=20, choices=Periodical.choices)
    number = models.PositiveIntegerField(_("issue number"))
    body = RichTextField(_("contents"), features=RICH_TEXT_FEATURES, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
    )

    content_panels = [
        *PostPage.content_panels,
        FieldRowPanel([FieldPanel("periodical"), FieldPanel("number")]),
        MultiFieldPanel(
            [FieldPanel("lead_image", heading=_("Cover")), FieldPanel("lead_caption")],
            heading=_("Cover"),
        ),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = [
        *PostPage.search_fields,
        index.SearchField("body"),
        index.FilterField("periodical"),
    ]

    class Meta:
        verbose_name = _("periodical issue")

    def clean(self):
        super().clean()
        clash = (
            PeriodicalIssuePage.objects.filter(
                locale_id=self.locale_id, periodical=self.periodical, number=self.number
            )
            .exclude(translation_key=self.translation_key)
            .exists()
        )
        if clash:
            raise ValidationError({"number": _("This edition already has an issue with this number.")})
