"""How django-axes sees a sign-in attempt's client, and the limit on one address across usernames."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum

from complaints.security import proxies


def client_ip_address(request) -> str | None:
    """The address the portal's other throttles count (`proxies.client_address`: behind a trusted
    proxy, the client it forwarded for), or None when the request has none (axes stores it in an
    IP address column, which refuses a placeholder)."""
    return proxies.client_address(request) or None


def address_failures(request) -> int:
    """Failed sign-ins from the request's address within the cool-off, whatever the username."""
    if not getattr(request, "axes_ip_address", None):
        return 0
    return AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_locked(request) -> bool:
    return address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


class AddressLimitHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second, higher limit for an address across usernames,
    so that one password tried against many usernames is stopped too.

    Axes compares every lockout parameter with the one AXES_FAILURE_LIMIT, and an office's staff
    share an address: counting the address alone against 5 would pause the whole office for one
    colleague's typing. The address's failures are read from the same AccessAttempt rows axes
    keeps per (username, address), so lifting a pause in the admin (deleting the attempts) lifts
    this one too."""

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False) or self.is_whitelisted(request, credentials):
            return
        if address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=get_client_username(request, credentials),
                                 ip_address=request.axes_ip_address)
