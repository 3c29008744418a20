"""A request is answered by the site Wagtail's Site.find_for_request finds, for any host and port."""

from django.test import RequestFactory, TestCase
from wagtail.models import Page, Site

from nashr.editions.published import find_site

SETUPS = {
    "one default site": [("localhost", 80, True)],
    "a default and another host": [("a.example", 80, True), ("b.example", 80, False)],
    "one host on two ports": [("a.example", 80, True), ("a.example", 8080, False)],
    "two hosts besides the default": [
        ("a.example", 80, True),
        ("b.example", 80, False),
        ("b.example", 81, False),
    ],
    "no default": [("a.example", 80, False), ("b.example", 8000, False)],
}
REQUESTS = [
    (host, port)
    for host in ("a.example", "b.example", "localhost", "other.example")
    for port in (80, 81, 8000, 8080)
]


class FindSiteTests(TestCase):
    def setUp(self):
        self.root = Page.get_first_root_node()

    def sites(self, rows):
        Site.objects.all().delete()
        for hostname, port, default in rows:
            Site.objects.create(hostname=hostname, port=port, is_default_site=default, root_page=self.root)

    def request(self, host, port):
        return RequestFactory().get("/", HTTP_HOST=f"{host}:{port}", SERVER_PORT=str(port))

    def test_every_host_and_port_finds_wagtails_site(self):
        for setup, rows in SETUPS.items():
            self.sites(rows)
            for host, port in REQUESTS:
                with self.subTest(setup=setup, host=host, port=port):
                    ours = find_site(self.request(host, port))
                    wagtails = Site.find_for_request(self.request(host, port))
                    self.assertEqual(ours, wagtails)

    def test_the_site_is_kept_on_the_request_where_wagtail_looks(self):
        self.sites(SETUPS["a default and another host"])
        request = self.request("b.example", 80)
        site = find_site(request)
        self.assertEqual(site.hostname, "b.example")
        with self.assertNumQueries(0):
            self.assertIs(Site.find_for_request(request), site)
            self.assertIs(find_site(request), site)
            self.assertEqual(site.root_page.pk, self.root.pk)  # read with the site

    def test_a_port_that_is_not_a_number_matches_no_port(self):
        self.sites(SETUPS["one host on two ports"])
        request = RequestFactory().get("/", HTTP_HOST="a.example", SERVER_PORT="eighty")
        self.assertEqual(find_site(request).port, 80)  # the default site, not an error
