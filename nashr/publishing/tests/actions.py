"""What the newsroom does, run in a process of its own (see processes.py): build the site, then one action.

Each action is what an editor's click or a management command does, nothing more: the process exits when it
returns, and readers of the running server must get the result from then on.
"""

import datetime as dt
import sys

from django.core.management import execute_from_command_line
from django.utils import timezone
from wagtail.models import PageViewRestriction

from nashr.articles.models import ArticlePage, Category
from nashr.comments.models import Comment

# The site every scenario starts from. One article per action, all newer than small_site's, so each shows on
# its section's first listing page, on the home, in the feeds and in the other articles' recent posts.
TITLES = {
    "harbour-lights": "Harbour lights",  # gets a new title
    "kestrel-sighting": "Kestrel sighting",  # unpublished
    "orchard-harvest": "Orchard harvest",  # made private
    "quarry-closes": "Quarry closes",  # deleted
}
NEW_TITLE = "Lantern festival"
ORCHARD_TEXT = "Apples were picked by hand at dawn"
CATEGORY_NAME, NEW_CATEGORY_NAME = "Culture desk", "Arts and letters"
PURGED_EMAIL = "forget-me@example.org"
PURGED_COMMENT, KEPT_COMMENT = "Bring umbrellas to the fair", "See you at stand nine"
PASSWORD = "letmein-please"


def build_site():
    """small_site() (four editions, /en/articles/ with "Book fair opens" in /en/category/culture/ and four
    older articles), the four articles above, and two approved comments on "Book fair opens"."""
    from nashr.articles.tests.factories import make_article
    from nashr.publishing.tests.factories import small_site

    _homes, section, fair = small_site()
    now = timezone.now()
    for minutes, (slug, title) in enumerate(TITLES.items(), start=1):
        fields = {}
        if slug == "orchard-harvest":
            fields["body"] = [("paragraph", f"<p>{ORCHARD_TEXT}.</p>")]
        make_article(section, title, slug=slug, published_at=now - dt.timedelta(minutes=minutes), **fields)
    category = fair.categories.get()
    category.name = CATEGORY_NAME
    category.save()
    approved = Comment.Status.APPROVED
    Comment.objects.create(page=fair, name="Lena", email=PURGED_EMAIL, body=PURGED_COMMENT, status=approved)
    Comment.objects.create(
        page=fair, name="Omid", email="stay@example.org", body=KEPT_COMMENT, status=approved
    )


def _article(slug):
    return ArticlePage.objects.get(slug=slug, locale__language_code="en")


def publish_title(slug, title):
    page = _article(slug)
    page.title = title
    page.save_revision().publish()


def unpublish(slug):
    _article(slug).unpublish()


def make_private(slug):
    PageViewRestriction.objects.create(
        page=_article(slug), restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )


def delete(slug):
    _article(slug).delete()


def rename_category(slug, name):
    category = Category.objects.get(slug=slug, locale__language_code="en")
    category.name = name
    category.save()


def run(argv):
    """`name args...`: one of the functions above, or else a management command line."""
    name, *args = argv
    action = globals().get(name)
    if callable(action) and not name.startswith("_"):
        action(*args)
    else:
        execute_from_command_line([sys.argv[0], name, *args])
