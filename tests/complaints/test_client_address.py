"""The client's address: X-Forwarded-For believed only from a trusted proxy, read from the right."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from complaints.security import proxies

NGINX = proxies.trusted_networks(("127.0.0.1",))
LOAD_BALANCER_SUBNET = proxies.trusted_networks(("10.20.0.0/24",))
TWO_TIERS = proxies.trusted_networks(("10.20.0.0/24", "192.0.2.10"))  # a CDN edge in front of the balancer
IPV6_PROXIES = proxies.trusted_networks(("2001:db8:a::/64",))

TABLE = [
    # (who connected, X-Forwarded-For, trusted proxies, the client counted)
    ("203.0.113.7", "", (), "203.0.113.7"),
    ("203.0.113.7", "198.51.100.1", (), "203.0.113.7"),                     # none trusted: ignored
    ("203.0.113.7", "198.51.100.1", NGINX, "203.0.113.7"),                  # forged, sent straight to us
    ("127.0.0.1", "198.51.100.1", NGINX, "198.51.100.1"),                   # through nginx
    ("127.0.0.1", "", NGINX, "127.0.0.1"),                                  # from the proxy's own host
    ("127.0.0.1", "6.6.6.6, 198.51.100.1", NGINX, "198.51.100.1"),          # forged entry left of nginx's
    ("127.0.0.1", "127.0.0.1, 198.51.100.1", NGINX, "198.51.100.1"),        # a forged "trusted" entry
    ("10.20.0.5", "198.51.100.1, 10.20.0.9", LOAD_BALANCER_SUBNET, "198.51.100.1"),  # a chain of our own
    ("10.20.0.5", "6.6.6.6, 198.51.100.1, 192.0.2.10", TWO_TIERS, "198.51.100.1"),
    ("10.20.0.5", "10.20.0.8, 10.20.0.9", LOAD_BALANCER_SUBNET, "10.20.0.8"),  # all ours: the furthest
    ("10.20.1.5", "198.51.100.1", LOAD_BALANCER_SUBNET, "10.20.1.5"),       # just outside the subnet
    ("127.0.0.1", " 198.51.100.1 ", NGINX, "198.51.100.1"),
    ("127.0.0.1", "198.51.100.1:51234", NGINX, "198.51.100.1"),             # with a port, as some balancers
    ("::ffff:127.0.0.1", "198.51.100.1", NGINX, "198.51.100.1"),            # IPv4 mapped into IPv6
    ("127.0.0.1", "::ffff:198.51.100.1", NGINX, "198.51.100.1"),
    # IPv6
    ("2001:db8:a::1", "2001:db8:ffff::42", IPV6_PROXIES, "2001:db8:ffff::42"),
    ("2001:db8:a::1", "[2001:DB8:FFFF:0::42]:443", IPV6_PROXIES, "2001:db8:ffff::42"),  # one spelling
    ("2001:db8:b::1", "2001:db8:ffff::42", IPV6_PROXIES, "2001:db8:b::1"),  # outside the network
    ("2001:db8:a::1", "198.51.100.1", IPV6_PROXIES, "198.51.100.1"),        # an IPv4 client, IPv6 inside
    ("127.0.0.1", "2001:db8:ffff::42", NGINX, "2001:db8:ffff::42"),
    # garbage in the header: nothing left of it is believed, the last address reached counts
    ("127.0.0.1", "unknown", NGINX, "127.0.0.1"),
    ("127.0.0.1", "not an address", NGINX, "127.0.0.1"),
    ("127.0.0.1", "198.51.100.1, garbage", NGINX, "127.0.0.1"),
    ("127.0.0.1", "garbage, 198.51.100.1", NGINX, "198.51.100.1"),          # the client is reached first
    ("10.20.0.5", "198.51.100.1, , 10.20.0.9", LOAD_BALANCER_SUBNET, "10.20.0.9"),
    ("127.0.0.1", ",,,", NGINX, "127.0.0.1"),
    ("127.0.0.1", "198.51.100.1\x00", NGINX, "127.0.0.1"),
    ("127.0.0.1", "999.1.1.1", NGINX, "127.0.0.1"),
    ("127.0.0.1", "<script>", NGINX, "127.0.0.1"),
    # no usable peer at all
    ("", "198.51.100.1", NGINX, ""),
]


@pytest.mark.parametrize(("peer", "forwarded_for", "trusted", "client"), TABLE)
def test_the_client_is_the_first_untrusted_address_from_the_right(peer, forwarded_for, trusted, client):
    assert proxies.resolve(peer, forwarded_for, trusted=trusted) == client


@pytest.mark.parametrize(("entry", "address"), [
    ("192.0.2.7", "192.0.2.7"), ("192.0.2.7:80", "192.0.2.7"), ("[2001:db8::7]:443", "2001:db8::7"),
    ("[2001:db8::7]", "2001:db8::7"), ("2001:0DB8::0007", "2001:db8::7"), ("::ffff:192.0.2.7", "192.0.2.7"),
    ("", None), ("unknown", None), ("192.0.2", None), ("192.0.2.7:80:1", None), ("[garbage]:1", None),
])
def test_an_entry_is_read_as_proxies_write_it(entry, address):
    parsed = proxies.parse(entry)
    assert (str(parsed) if parsed else None) == address


def test_a_trusted_proxy_may_be_an_address_or_a_network():
    assert [str(n) for n in proxies.trusted_networks(("127.0.0.1", " 10.0.0.0/8", "2001:db8::/32", "::1"))] == [
        "127.0.0.1/32", "10.0.0.0/8", "2001:db8::/32", "::1/128"]


def test_a_mistyped_trusted_proxy_is_refused_with_its_name():
    with pytest.raises(ImproperlyConfigured, match="'nginx.internal'"):
        proxies.trusted_networks(("127.0.0.1", "nginx.internal"))


def test_the_request_address_follows_the_setting(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    settings.TRUSTED_PROXIES = []
    assert proxies.client_address(request) == "127.0.0.1"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert proxies.client_address(request) == "198.51.100.1"


def test_a_mistyped_setting_stops_the_process_at_start():
    started = subprocess.run([sys.executable, "manage.py", "check"], cwd=Path(__file__).parents[2], check=False,
                             env={**os.environ, "TRUSTED_PROXIES": "127.0.0.1,nginx.internal"},
                             capture_output=True, text=True, timeout=120)
    assert started.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx.internal' is neither an IP address nor a network" in started.stderr
