"""How django-axes sees a sign-in attempt's client."""

from complaints.security import proxies


def client_ip_address(request) -> str | None:
    """The address the portal's other throttles count (`proxies.client_address`: behind a trusted
    proxy, the client it forwarded for), or None when the request has none (axes stores it in an
    IP address column, which refuses a placeholder)."""
    return proxies.client_address(request) or None
