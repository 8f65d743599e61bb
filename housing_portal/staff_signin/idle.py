"""Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request.

The end is stored with the session (so the server refuses it afterwards, whatever the browser
keeps) and sent as the cookie's Max-Age. It is pushed back at most once a minute, so a busy
member of staff costs one session write a minute rather than one per page.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

RENEW_AT_MOST_EVERY = timedelta(minutes=1)


def idle_limit() -> timedelta:
    return timedelta(minutes=settings.STAFF_SESSION_IDLE_MINUTES)


def keep_alive(session, *, now: datetime) -> None:
    """Ends `session` one idle period after `now`, unless it was renewed less than a minute ago.
    A session still on the site-wide lifetime (longer than the idle period) is brought down to it."""
    remaining = timedelta(seconds=session.get_expiry_age(modification=now))
    if not idle_limit() - RENEW_AT_MOST_EVERY <= remaining <= idle_limit():
        session.set_expiry(now + idle_limit())


def start_idle_clock(sender, request, user, **kwargs):
    """On sign-in (force_login in tests too), a staff session starts with the idle period."""
    if user.is_staff and hasattr(request, "session"):
        keep_alive(request.session, now=timezone.now())
