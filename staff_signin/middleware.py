from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor

# What a staff user may still open between the password and the code: the sign-in steps
# themselves, signing out (or in as someone else), the language switch and the health probe.
OPEN_BEFORE_THE_CODE = {
    "staff_signin:code", "staff_signin:enrol", "staff_signin:backup_codes",
    "admin:login", "admin:logout", "set_language", "healthz",
}


class StaffTwoFactorMiddleware:
    """Until a staff user has entered a code, every page (the back office and anything added
    later, wherever it lives) sends them to the code page, or to enrolment if they have no
    authenticator yet. Failing closed, so a new staff screen cannot forget to ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_TWO_FACTOR_REQUIRED or not two_factor.must_verify(request.user):
            return None
        if request.resolver_match.view_name in OPEN_BEFORE_THE_CODE:
            return None
        step = "staff_signin:enrol" if two_factor.needs_enrolment(request.user) else "staff_signin:code"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class StaffIdleTimeoutMiddleware:
    """A staff session ends after STAFF_SESSION_IDLE_MINUTES without a request; each request
    starts the count again (the expiry is stored with the session and sent as the cookie's
    Max-Age). Citizens' sessions (tracking a complaint) keep the site-wide lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie and no sign-in during this request there is nothing to renew;
        # not looking spares anonymous pages a session lookup (and a "Vary: Cookie").
        if settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.session.modified:
            return response
        user = request.user
        if user.is_authenticated and user.is_staff:
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_MINUTES * 60)
        return response
