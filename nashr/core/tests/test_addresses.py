"""The client's address: a proxy's header is believed only from a trusted proxy, and only truncated
addresses are ever kept."""

from django.core.cache import cache
from django.test import RequestFactory, SimpleTestCase, override_settings

from nashr.core import ratelimit
from nashr.core.addresses import client_address, network, truncated

HEADER = "HTTP_X_FORWARDED_FOR"


def request(remote, forwarded=None, header=HEADER):
    extra = {header: forwarded} if forwarded is not None else {}
    return RequestFactory().post("/en/comments/1/", REMOTE_ADDR=remote, **extra)


@override_settings(NASHR_CLIENT_IP_HEADER=HEADER, NASHR_TRUSTED_PROXIES=["10.0.0.0/8", "::1/128"])
class ClientAddressTests(SimpleTestCase):
    def test_a_direct_client_cannot_fake_the_header(self):
        self.assertEqual(client_address(request("203.0.113.77", "192.0.2.1")), "203.0.113.77")
        self.assertEqual(client_address(request("2001:db8::7", "192.0.2.1")), "2001:db8::7")

    def test_a_trusted_proxy_is_believed(self):
        self.assertEqual(client_address(request("10.1.2.3", "203.0.113.77")), "203.0.113.77")
        self.assertEqual(client_address(request("::1", "2001:db8::7")), "2001:db8::7")

    def test_what_the_client_wrote_before_the_proxies_is_ignored(self):
        # The client sent "X-Forwarded-For: 192.0.2.1"; nginx appended the address it saw.
        forwarded = "192.0.2.1, 203.0.113.77, 10.0.0.5"
        self.assertEqual(client_address(request("10.1.2.3", forwarded)), "203.0.113.77")

    def test_a_malformed_header_falls_back_to_the_proxy(self):
        self.assertEqual(client_address(request("10.1.2.3", "203.0.113.77, not-an-address")), "10.1.2.3")
        self.assertEqual(client_address(request("10.1.2.3", "")), "10.1.2.3")

    def test_no_header_is_believed_unless_one_is_set(self):
        with self.settings(NASHR_CLIENT_IP_HEADER=None):
            self.assertEqual(client_address(request("10.1.2.3", "203.0.113.77")), "10.1.2.3")

    def test_the_forms_rate_limit_cannot_be_dodged_with_a_header(self):
        cache.clear()
        for n in range(3):
            self.assertTrue(ratelimit.allow(request("203.0.113.77", f"192.0.2.{n}"), "test", 3, 600))
        self.assertFalse(ratelimit.allow(request("203.0.113.77", "192.0.2.200"), "test", 3, 600))
        # Behind a trusted proxy each client has its own limit.
        self.assertTrue(ratelimit.allow(request("10.0.0.5", "192.0.2.200"), "test", 3, 600))


class TruncatedTests(SimpleTestCase):
    def test_addresses_are_kept_to_their_network_only(self):
        self.assertEqual(truncated("203.0.113.77"), "203.0.113.0/24")
        self.assertEqual(truncated("2001:db8:1234:5678::9"), "2001:db8:1234::/48")
        self.assertEqual(truncated("::ffff:203.0.113.77"), "203.0.113.0/24")
        self.assertEqual(truncated("not an address"), "")
        self.assertEqual(truncated(""), "")

    def test_one_ipv6_client_counts_as_its_64(self):
        self.assertEqual(network("2001:db8:1:2:aaaa::1"), network("2001:db8:1:2:bbbb::9"))
        self.assertNotEqual(network("2001:db8:1:2::1"), network("2001:db8:1:3::1"))
        self.assertEqual(network("203.0.113.77"), "203.0.113.77")
