"""Readers' and visitors' addresses: which one a request came from, and the only form in which one is kept.

`client_address` is the one place that decides a request's address (readers' forms, sign-in). A header set
by a proxy (NASHR_CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP) is believed only when the request reached us from
one of NASHR_TRUSTED_PROXIES; a client talking to the application directly cannot fake one.

`truncated` is the one place that shortens an address before anything stores or shows it: an IPv4 address
to its /24, an IPv6 address to its /48. Nothing in Nashr stores a full address.
"""

import ipaddress

from django.conf import settings

IPV4_PREFIX = 24
IPV6_PREFIX = 48


def parse(text):
    """An ipaddress object, an IPv4-mapped IPv6 address as IPv4, or None for anything that is not one."""
    try:
        address = ipaddress.ip_address(str(text).strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def trusted_proxies():
    return [ipaddress.ip_network(net, strict=False) for net in settings.NASHR_TRUSTED_PROXIES]


def is_trusted(address, networks):
    return address is not None and any(address in net for net in networks if net.version == address.version)


def client_address(request):
    """The address of the client: REMOTE_ADDR, or what the proxy in front of us says when REMOTE_ADDR is one
    of the trusted proxies. In a list (X-Forwarded-For) the rightmost address that is not a trusted proxy is
    the client's: what comes before it was written by the client and proves nothing."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.NASHR_CLIENT_IP_HEADER
    networks = trusted_proxies()
    if not header or not request.META.get(header) or not is_trusted(parse(remote), networks):
        return remote
    hops = [parse(part) for part in request.META[header].split(",")]
    for hop in reversed(hops):
        if hop is None:
            return remote  # a malformed entry after the last trusted proxy: believe only REMOTE_ADDR
        if not is_trusted(hop, networks):
            return str(hop)
    return str(hops[0])


def truncated(address):
    """The address as stored or shown anywhere: '203.0.113.0/24', '2001:db8:1::/48', '' if not an address."""
    parsed = parse(address)
    if parsed is None:
        return ""
    prefix = IPV4_PREFIX if parsed.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))


def network(address):
    """What one client holds: its IPv4 address, or its IPv6 /64 (a single host is usually given a whole /64,
    so counting single IPv6 addresses would let one client try afresh from each). Used in memory and in
    keyed hashes only, never stored."""
    parsed = parse(address)
    if parsed is None:
        return str(address)
    if parsed.version == 4:
        return str(parsed)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
