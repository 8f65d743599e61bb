from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from housing_portal.staff_signin import idle, two_factor

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
    """Each request by a member of staff keeps their session alive for the idle period (see idle.py).
    Citizens' sessions (tracking a complaint) keep the site-wide lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie there is nothing to renew (signing in sets the expiry itself);
        # not looking spares anonymous pages a session lookup and a "Vary: Cookie".
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = request.user
            if user.is_authenticated and user.is_staff:
                idle.keep_alive(request.session, now=timezone.now())
        return response
