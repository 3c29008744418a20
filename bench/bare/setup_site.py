"""Creates the bare site's one article page (run after migrate): `python setup_site.py`."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
django.setup()

from bare_app.models import ArticlePage  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

PARAGRAPH = (
    "<p>The book fair opened in the old market hall this morning, with publishers from four cities, "
    "readings every hour and a corner where children swap picture books. Rain kept some visitors away "
    "at first, but by noon the aisles were full and the café had run out of bread.</p>"
)

root = Page.get_first_root_node()
if not ArticlePage.objects.exists():
    for child in root.get_children():
        Site.objects.all().delete()
        child.delete()
    page = ArticlePage(title="Book fair opens", slug="home", body=PARAGRAPH * 12)
    root.add_child(instance=page)
    page.save_revision().publish()
    Site.objects.create(hostname="localhost", port=80, root_page=page, is_default_site=True)
print("bare site ready")
