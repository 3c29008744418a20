from django.conf import settings
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from nashr.core import ratelimit
from nashr.core.models import BasePage


class ContactPage(RoutablePageMixin, BasePage):
    """A contact form. Messages are stored for staff; nothing is shown publicly."""

    template = "pages/contact_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    intro = models.TextField(_("introduction"), blank=True)
    thanks = models.TextField(_("thank-you message"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("thanks")]

    class Meta:
        verbose_name = _("contact page")

    @path("")
    def form_view(self, request):
        from .forms import ContactForm

        if request.method == "POST":
            return self.receive(request)
        return self._render_form(request, ContactForm(), 200)

    def receive(self, request):
        """Store a message sent with the form (see contact.views.send_message), or show what is wrong."""
        from .forms import ContactForm

        form = ContactForm(request.POST)
        if not ratelimit.allow(request, "contact", *settings.NASHR_FORM_RATE["contact"]):
            form.add_error(None, form.rate_limited_message)
            return self._render_form(request, form, 429)
        if form.is_valid():
            message = form.save(page=self)
            from .notify import contact_arrived  # the moderators' mail: loaded by the first message sent

            transaction.on_commit(lambda: contact_arrived(message))  # the edition's moderators are told
            return redirect(self.url + self.reverse_subpage("thanks"))
        return self._render_form(request, form, 400)

    def _render_form(self, request, form, status):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.template, context, status=status)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        context = self.get_context(request)
        context["sent"] = True
        return TemplateResponse(request, self.template, context)


class ContactMessage(models.Model):
    """What a reader sent through the contact form.

    Kept for staff only; `manage.py purge_reader_data` deletes it by age or by e-mail address.
    """

    page = models.ForeignKey(ContactPage, null=True, on_delete=models.SET_NULL, related_name="messages")
    language = models.CharField(_("edition"), max_length=16, blank=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} ({self.name})"
