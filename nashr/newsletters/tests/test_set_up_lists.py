from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from nashr.core.tests.factories import add_section, build_editions

from ..models import MailingList


class SetUpListsTests(TestCase):
    def test_each_edition_gets_the_lists_of_the_sections_it_has_once(self):
        homes = build_editions()
        add_section(homes["en"], "Newsletter", "newsletter")
        add_section(homes["en"], "Weekly digest", "digest")
        add_section(homes["fa"], "خبرنامه", "newsletter")
        out = StringIO()
        call_command("set_up_lists", stdout=out)
        self.assertIn("3 lists created.", out.getvalue())
        found = set(MailingList.objects.values_list("locale__language_code", "kind", "name", "page__slug"))
        self.assertEqual(
            found,
            {
                ("en", "newsletter", "Newsletter", "newsletter"),
                ("en", "digest", "Weekly digest", "digest"),
                ("fa", "newsletter", "خبرنامه", "newsletter"),
            },
        )
        call_command("set_up_lists", stdout=out)
        self.assertEqual(MailingList.objects.count(), 3)
