"""The client's address: the one every throttle, lock and audit record counts.

Behind a reverse proxy or a load balancer, REMOTE_ADDR is the proxy's, so a whole country would be
one address. Each proxy appends the address it received the request from to X-Forwarded-For, but
anyone can send that header: it is believed only when the request comes from one of the ministry's
own proxies (settings.TRUSTED_PROXIES, addresses or networks), and read from the right, skipping
our proxies; the first address that is not one of them is the client.

django-ipware does not fit: it decides trust from the header's own entries (their position and
count), never from who actually connected, and reads further headers that any client can send.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(request) -> str:
    """The client's address, or "" when the request has none (a test request, a Unix socket)."""
    trusted = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    return resolve(request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""),
                   trusted=trusted)


def resolve(peer: str, forwarded_for: str, *, trusted: tuple[Network, ...]) -> str:
    """The client behind `peer` (who connected) given its X-Forwarded-For. The walk stops at the
    first untrusted address, or at an entry that is not an address: nothing left of it can be
    believed, so the last address reached counts (a trusted proxy: stricter, never looser)."""
    client = parse(peer)
    if client is None:
        return peer.strip()
    if not _is_trusted(client, trusted):
        return str(client)
    for entry in reversed(forwarded_for.split(",")):
        hop = parse(entry)
        if hop is None:
            break
        client = hop
        if not _is_trusted(hop, trusted):
            break
    return str(client)


def parse(entry: str) -> Address | None:
    """An address as proxies write it: `192.0.2.7`, `192.0.2.7:51234`, `2001:db8::7`,
    `[2001:db8::7]:443`; an IPv4 address mapped into IPv6 counts as the IPv4 one. None for
    anything else."""
    text = entry.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4 with a port (some load balancers add it)
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """TRUSTED_PROXIES as networks (an address is a network of one)."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is neither an IP address nor a network such as 10.0.0.0/24") from None
    return tuple(networks)


def _is_trusted(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in trusted)
