"""`makemessages` that also reads the readers' Jinja2 templates (editions/template_messages.py)."""

from django.core.management.commands import makemessages

from nashr.editions.template_messages import as_python, is_jinja_template


class BuildFile(makemessages.BuildFile):
    def preprocess(self):
        if not (self.is_templatized and is_jinja_template(self.path)):
            return super().preprocess()
        with open(self.path, encoding="utf-8") as source:
            python = as_python(source.read())
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(python)


class Command(makemessages.Command):
    build_file_class = BuildFile
