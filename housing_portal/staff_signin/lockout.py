"""How django-axes sees a sign-in attempt's client."""

from complaints import throttle


def client_ip_address(request) -> str | None:
    """The address the portal's other throttles count (REMOTE_ADDR, which the proxy sets), or None
    when the request has none (axes stores it in an IP address column, which refuses a placeholder)."""
    if not request.META.get("REMOTE_ADDR"):
        return None
    return throttle.client_address(request)
