"""The readers' Jinja2 engine as the test client sees Django's: each page's template and context recorded
(`response.context`, `assertTemplateUsed`) through the `template_rendered` signal Django's test machinery
listens to. Named by the test settings only (nashr/settings/test.py); production sends no signal."""

from django.template.backends.jinja2 import Jinja2, Template
from django.test.signals import template_rendered


class RecordedTemplate(Template):
    def __init__(self, template, backend):
        super().__init__(template, backend)
        self.name = template.name

    def render(self, context=None, request=None):
        context = {} if context is None else context
        html = super().render(context, request)  # adds the context processors' values to `context`
        template_rendered.send(sender=self, template=self, context=context)
        return html


class RecordingJinja2(Jinja2):
    def from_string(self, template_code):
        return RecordedTemplate(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        return RecordedTemplate(super().get_template(template_name).template, self)
