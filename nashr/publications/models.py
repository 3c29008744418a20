"""Books, and numbered issues of periodicals: the newsletter, the brief (often a PDF) and the weekly digest.

An issue is also a mail (nashr/mail): its editors preview it as one and send themselves a test. The digest's
schedule per edition (DigestSchedule) and the record of what the worker composed (DigestRun) are here too;
the composer is `digest.py`.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from nashr.core.blocks.body import RICH_TEXT_FEATURES
from nashr.core.models import PostPage
from nashr.editions.editions import language_code_of
from nashr.editions.urls import edition_url

from .blocks import DigestItemBlock, DigestItemsBlock


def pdf_field():
    """A book's or an issue's PDF, if it has one."""
    return models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
    )


def cover_panel():
    """The lead image and its caption, under the heading Cover."""
    return MultiFieldPanel(
        [FieldPanel("lead_image", heading=_("Cover")), FieldPanel("lead_caption")],
        heading=_("Cover"),
    )


def _document_link(page, html):
    """The feed entry's link to the page's PDF, if it has one."""
    return html.document(page.document) if page.document_id else ""


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
    document = pdf_field()

    content_panels = [
        *PostPage.content_panels,
        FieldPanel("subtitle"),
        cover_panel(),
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

    def structured_data(self, data, root, site_name):
        data.update({"@type": "Book", "name": self.title})
        if self.subtitle:
            data["alternativeHeadline"] = self.subtitle
        if self.book_authors:
            data["author"] = {"@type": "Person", "name": self.book_authors}
        if self.publisher:
            data["publisher"] = {"@type": "Organization", "name": self.publisher}
        if self.isbn:
            data["isbn"] = self.isbn
        if self.pages:
            data["numberOfPages"] = self.pages
        if self.year:
            data["copyrightYear"] = self.year
        return data

    feed_related = ("document",)  # its PDF, linked from its feed entry

    def feed_content(self, html):
        return self.body_html(feed=True) + _document_link(self, html)

    def body_html(self, feed=False):  # pages/book_page.html
        return (self.description or "") if feed else expand_db_html(self.description)


class PeriodicalIssuePage(PostPage):
    """One numbered issue of the newsletter, the brief or the weekly digest: its text, entries and PDF."""

    class Periodical(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        BRIEF = "brief", _("Brief")
        DIGEST = "digest", _("Weekly digest")

    template = "pages/periodical_issue_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []

    periodical = models.CharField(_("periodical"), max_length=20, choices=Periodical.choices)
    number = models.PositiveIntegerField(_("issue number"))
    body = RichTextField(
        _("contents"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The issue's text; in a digest, the editor's word before the entries."),
    )
    items = StreamField(
        DigestItemsBlock(),
        blank=True,
        verbose_name=_("entries"),
        help_text=_("Pieces and outside reports, each with a line; drag to reorder."),
    )
    document = pdf_field()

    content_panels = [
        *PostPage.content_panels,
        FieldRowPanel([FieldPanel("periodical"), FieldPanel("number")]),
        cover_panel(),
        FieldPanel("body"),
        FieldPanel("items"),
        FieldPanel("document"),
    ]
    search_fields = [
        *PostPage.search_fields,
        index.SearchField("body"),
        index.FilterField("periodical"),
    ]
    preview_modes = [
        ("", _("Web page")),
        ("mail", _("E-mail")),
        ("mail-text", _("E-mail, plain text")),
    ]

    class Meta:
        verbose_name = _("periodical issue")

    def feed_paths(self):
        path = self.followed_feed()[0]
        return [*super().feed_paths(), edition_url(language_code_of(self.locale_id), path)]

    def followed_feed(self):
        """The periodical's own feed: its numbered issues."""
        return f"periodical/{self.periodical}/", str(self.get_periodical_display())

    def structured_data(self, data, root, site_name):
        data.update(
            {
                "@type": "PublicationIssue",
                "name": self.title,
                "issueNumber": str(self.number),
                "isPartOf": {
                    "@type": "Periodical",
                    "name": f"{site_name} · {self.get_periodical_display()}",
                    "publisher": {"@id": f"{root}/#organization"},
                },
            }
        )
        if self.document_id:
            data["encoding"] = {
                "@type": "MediaObject",
                "contentUrl": root + self.document.url,
                "encodingFormat": "application/pdf",
            }
        return data

    feed_related = ("document",)  # its PDF, linked from its feed entry

    def feed_content(self, html):
        return self.body_html(feed=True) + _document_link(self, html)

    def body_html(self, feed=False):  # pages/periodical_issue_page.html: the text, then the digest's entries
        html = (self.body or "") if feed else expand_db_html(self.body)
        groups = self.digest_groups()
        if groups:
            html += render_to_string("components/digest_entries.html", {"groups": groups})
        return html

    def digest_groups(self):
        """[{"name", "items": [DigestEntry]}]: the entries under their headings, in the order the editor
        gave (a heading is placed where its first entry is); pieces no longer live are left out."""
        groups = {}
        for block in self.items:
            entry = DigestItemBlock.entry(block.value)
            if entry is not None:
                name = block.value.get("group") or ""
                groups.setdefault(name, []).append(entry)
        return [{"name": name, "items": entries} for name, entries in groups.items()]

    def serve_preview(self, request, mode_name):
        """The issue as the mail its readers will get: HTML, or the plain-text part."""
        from nashr.mail import render_issue  # the mail's renderer: for the editor's preview, not readers

        if mode_name == "mail":
            return HttpResponse(render_issue(self).html)
        if mode_name == "mail-text":
            return HttpResponse(render_issue(self).text, content_type="text/plain; charset=utf-8")
        return super().serve_preview(request, mode_name)

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
        foreign = [
            block.value["page"].title
            for block in self.items
            if block.value.get("page") is not None and block.value["page"].locale_id != self.locale_id
        ]
        if foreign:
            raise ValidationError(
                {
                    "items": _("Choose pieces of this edition; from another: %(titles)s")
                    % {"titles": ", ".join(foreign)}
                }
            )


def _validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


class DigestSchedule(models.Model):
    """When the worker drafts an edition's next weekly digest, where it files it, and whether it sends it."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    locale = models.OneToOneField(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    section = models.ForeignKey(
        "core.SectionPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("section"),
        help_text=_("The digest's section in this edition: its archive, where new issues are filed."),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices, default=Weekday.FRIDAY)
    hour = models.PositiveSmallIntegerField(_("hour"), default=9, validators=[MaxValueValidator(23)])
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[_validate_time_zone],
        help_text=_("The newsroom's, e.g. Asia/Tehran."),
    )
    enabled = models.BooleanField(_("compose every week"), default=True)
    auto_send = models.BooleanField(
        _("send unattended"),
        default=False,
        help_text=_("Publish and send each digest as composed, without waiting for an editor."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("locale"),
        FieldPanel("section"),
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("hour"), FieldPanel("time_zone")]),
        FieldPanel("enabled"),
        FieldPanel("auto_send"),
    ]

    class Meta:
        verbose_name = _("digest schedule")

    def __str__(self):
        return str(_("Weekly digest: %(edition)s")) % {"edition": self.locale.get_display_name()}

    def clean(self):
        super().clean()
        if self.section_id and self.locale_id and self.section.locale_id != self.locale_id:
            raise ValidationError({"section": _("Choose a section of this edition.")})


class DigestRun(models.Model):
    """One week's composing of a schedule: there is at most one per week, whatever happens to the draft."""

    schedule = models.ForeignKey(DigestSchedule, on_delete=models.CASCADE, related_name="runs")
    due_at = models.DateTimeField(_("due at"))
    page = models.ForeignKey(
        PeriodicalIssuePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["schedule", "due_at"], name="one_digest_per_week")]

    def __str__(self):
        return f"{self.schedule} {self.due_at:%Y-%m-%d %H:%M}"
