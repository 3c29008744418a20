"""The pages the browser tests walk, in every edition. Add a row to test one more page.

Each row names the page and how to find it in the demo content:
- `path`: a path under the edition's prefix ("" is the edition's home); a dict gives one path per edition;
- `model`: an "app.Model" page type: the first live page of that type translated into every edition
  (`filters` narrows the choice, e.g. to an article with a translator);
- `snippet`: an "app.Model" snippet with `get_absolute_url()`, translated into every edition;
- `tag_of`: the page type whose first tagged page (translated into every edition) gives the tag;
- `query`: added to the address ("?page=2", or "2/" for a sub-address); a dict gives one per edition;
- `submit`: "invalid" or "valid" fills and sends the page's form (see `FORM_VALUES`) before the checks;
- `status`: the HTTP status the page must answer with.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    name: str
    path: str | dict | None = None
    model: str = ""
    snippet: str = ""
    tag_of: str = ""
    filters: dict = field(default_factory=dict)
    query: str | dict = ""
    submit: str = ""
    status: int = 200


PAGES = [
    Page("home", path=""),
    Page("section-page-2", model="core.SectionPage", filters={"slug": "articles"}, query="?page=2"),
    Page("article", model="articles.ArticlePage", filters={"translator__isnull": False}),
    Page("gallery", model="multimedia.GalleryPage"),
    Page("gallery-picture", model="multimedia.GalleryPage", query="2/"),  # the second picture's own page
    Page("video", model="multimedia.VideoPage"),
    # A video hosted elsewhere: a facade that contacts nobody before the reader plays it (MediaTests).
    Page("video-outside", model="multimedia.VideoPage", filters={"external_url__contains": "/w/"}),
    # An article whose body embeds such a video: the same facade, in the body (MediaTests).
    Page("article-video", model="articles.ArticlePage", filters={"body__icontains": "tube.example.org/w/"}),
    Page("book", model="publications.BookPage"),
    Page(
        "newsletter-issue",
        model="publications.PeriodicalIssuePage",
        filters={"url_path__contains": "/newsletter/"},
    ),
    Page("tag", tag_of="articles.ArticlePage"),
    Page("author", snippet="people.Person"),
    Page("contact", model="contact.ContactPage"),
    Page("contact-invalid", model="contact.ContactPage", submit="invalid", status=400),
    Page("contact-valid", model="contact.ContactPage", submit="valid"),
    # Typed the way readers do: Persian without its zero-width non-joiner and with an Arabic yeh, Arabic with
    # heh for teh marbuta.
    Page(
        "search",
        path="search/",
        query={"en": "?q=heat+wave", "fa": "?q=راههاي+ساده", "ar": "?q=موجه+الحر", "sq": "?q=vala"},
    ),
    Page("search-empty", path="search/", query="?q=zzzqqq"),
    Page("not-found", path="no-such-page/", status=404),
]

# What the walk types into forms: "valid" passes the contact form, "invalid" fails it (an e-mail without
# "@" and a message too short), so the page shows its errors.
FORM_VALUES = {
    "valid": {
        "name": "Browser Test",
        "email": "reader@example.org",
        "subject": "A note on the book fair",
        "message": "Thank you for the report on the book fair; the opening hours were very useful.",
    },
    "invalid": {"name": "", "email": "not-an-address", "subject": "", "message": "Hi"},
}
