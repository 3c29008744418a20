"""Write nashr/editions/cldr_dates.py: each edition's date patterns and names from the installed Babel.

Run after upgrading Babel or adding a language to settings.LANGUAGES; `--check` exits non-zero when the
table differs from what Babel gives now, changing nothing.
"""

import pprint
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nashr.editions import cldr

TABLE = Path(cldr.__file__).with_name("cldr_dates.py")
HEADER = '''"""Written by `manage.py cldr_dates` from Babel's data: do not edit (nashr/editions/cldr.py)."""

# fmt: off
'''


def table_text():
    dates = {code: cldr.entry_for(code) for code, _ in settings.LANGUAGES}
    return f"{HEADER}DATES = {pprint.pformat(dates, width=110, sort_dicts=True)}\n"


class Command(BaseCommand):
    help = "Write each edition's CLDR date patterns and names (nashr/editions/cldr_dates.py) from Babel."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only say whether the table is current.")

    def handle(self, *args, check=False, **options):
        text = table_text()
        if check:
            if TABLE.read_text(encoding="utf-8") != text:
                raise CommandError(f"{TABLE} differs from Babel's data: run manage.py cldr_dates")
            self.stdout.write("The date table matches Babel's data.")
            return
        TABLE.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {TABLE} ({', '.join(code for code, _ in settings.LANGUAGES)}).")
