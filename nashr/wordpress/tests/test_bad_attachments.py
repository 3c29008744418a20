import io
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from wagtail.documents import get_document_model

from nashr.core.tests.factories import build_editions
from nashr.images.models import NashrImage
from nashr.wordpress.models import ImportedItem

EXPORT = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
    <title>Harbour Weekly</title><link>https://harbour.example.org</link><language>en-US</language>
    <wp:wxr_version>1.2</wp:wxr_version>
    <wp:base_site_url>https://harbour.example.org</wp:base_site_url>
    <wp:base_blog_url>https://harbour.example.org</wp:base_blog_url>
    {items}
</channel>
</rss>
"""
ITEM = """<item>
    <title><![CDATA[{title}]]></title><link>https://harbour.example.org/?attachment_id={wp_id}</link>
    <wp:post_id>{wp_id}</wp:post_id><wp:post_date><![CDATA[2024-05-06 10:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2024-05-06 08:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[a{wp_id}]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status>
    <wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[attachment]]></wp:post_type>
    <wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>
</item>"""
BASE = "https://harbour.example.org/wp-content/uploads/2024/05/"
# (WordPress id, title, address, file written to the uploads folder)
ATTACHMENTS = [
    ("1", "Timetable", BASE + "timetable.pdf", "timetable.pdf"),
    ("2", "Lanterns", BASE + "lanterns.png", "lanterns.png"),
    ("3", "Landing page", BASE + "landing.html", "landing.html"),
    ("4", "Logo", BASE + "logo.svg", "logo.svg"),
    ("5", "Script", BASE + "menu.JS", "menu.JS"),
    ("6", "Null byte", BASE + "report%00.pdf", None),
    ("7", "Null byte before a type", BASE + "page.html%00.pdf", None),
    ("8", "Tab in the name", BASE + "notes%09.txt", None),
    ("9", "Bracketed host", "http://[harbour/wp-content/uploads/2024/05/x.pdf", None),
    ("10", "Disguised page", BASE + "minutes.pdf", "minutes.pdf"),
]
PNG = (Path(__file__).parent / "fixtures" / "uploads" / "2024" / "05" / "lanterns.png").read_bytes()


class BadAttachmentTests(TestCase):
    """The importer takes only the types the admin takes, and an unusable address is one item's error."""

    @classmethod
    def setUpTestData(cls):
        build_editions()
        folder = Path(tempfile.mkdtemp())
        cls.folder = folder
        uploads = folder / "uploads" / "2024" / "05"
        uploads.mkdir(parents=True)
        for _, _, _, name in ATTACHMENTS:
            if name:
                content = PNG if name.endswith(".png") else b"<html><script>alert(1)</script></html>"
                (uploads / name).write_bytes(content)
        (uploads / "minutes.pdf").unlink()
        (uploads / "minutes.pdf").symlink_to(uploads / "landing.html")
        items = "".join(ITEM.format(wp_id=i, title=t, url=u) for i, t, u, _ in ATTACHMENTS)
        (folder / "export.xml").write_text(EXPORT.format(items=items), encoding="utf-8")
        out = io.StringIO()
        call_command(
            "import_wordpress", str(folder / "export.xml"), "--uploads", str(folder / "uploads"), stdout=out
        )
        cls.output = out.getvalue()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder)
        super().tearDownClass()

    def test_only_the_types_the_admin_accepts_are_imported(self):
        self.assertEqual(list(get_document_model().objects.values_list("title", flat=True)), ["Timetable"])
        self.assertEqual(list(NashrImage.objects.values_list("title", flat=True)), ["Lanterns"])
        self.assertEqual(
            sorted(ImportedItem.objects.filter(kind="attachment").values_list("wp_id", flat=True)), ["1", "2"]
        )

    def test_each_refused_type_is_named_in_the_report(self):
        self.assertRegex(self.output, r"attachment +2  type not accepted by the site: \.html")
        self.assertRegex(self.output, r"attachment +1  type not accepted by the site: \.svg")
        self.assertRegex(self.output, r"attachment +1  type not accepted by the site: \.js")

    def test_an_address_naming_no_file_is_that_items_error_and_the_rest_goes_on(self):
        self.assertRegex(self.output, r"attachment +3  address holds a NUL byte or a control character")
        self.assertIn("attachment 6 (Null byte) skipped: address", self.output)
        self.assertIn("attachment 7 (Null byte before a type) skipped", self.output)
        self.assertRegex(self.output, r"attachment +1  address is malformed")
        self.assertNotIn("Failed:", self.output)

    def test_a_link_in_the_uploads_folder_to_another_type_is_refused(self):
        self.assertFalse(get_document_model().objects.filter(title="Disguised page").exists())
        self.assertNotIn("minutes", " ".join(get_document_model().objects.values_list("file", flat=True)))
