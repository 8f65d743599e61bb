"""The pages between a staff user's password and the back office, and the lockout page."""

from functools import wraps
from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login

from housing_portal.staff_signin import lockout, two_factor
from housing_portal.staff_signin.forms import CodeForm

BACKUP_CODES_SESSION_KEY = "staff_signin_backup_codes"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _with_next(view_name: str, request) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': _next_url(request)})}"


def _staff_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)
    return wrapper


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {**admin.site.each_context(request), "next": _next_url(request), **context},
                  status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@_staff_only
def enter_code(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    if two_factor.needs_enrolment(request.user):
        return redirect(_with_next("staff_signin:enrol", request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = two_factor.verify(request.user, form.cleaned_data["code"])
            if outcome.device is not None:
                otp_login(request, outcome.device)
                return redirect(_next_url(request))
            if outcome.retry_after:
                form.add_error("code", _("Too many wrong codes. Try again after %(time)s.")
                               % {"time": time_format(localtime(outcome.retry_after), "H:i:s")})
            else:
                form.add_error("code", _("This code is not right. Type the code your app shows now, "
                                         "or one of your backup codes."))
        status = 400
    return _render(request, "staff_signin/code_form.html",
                   {"form": form, "title": _("Enter your sign-in code")}, status)


@never_cache
@require_http_methods(["GET", "POST"])
@_staff_only
def enrol(request):
    if not two_factor.needs_enrolment(request.user):
        return redirect(_with_next("staff_signin:code", request))
    device = two_factor.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            codes = two_factor.confirm_enrolment(device, form.cleaned_data["code"])
            if codes is not None:
                device.refresh_from_db()
                otp_login(request, device)
                request.session[BACKUP_CODES_SESSION_KEY] = codes
                return redirect(_with_next("staff_signin:backup_codes", request))
            form.add_error("code", _("This code is not right. Scan the QR code again if needed, "
                                     "then type the code your app shows now."))
        status = 400
    return _render(request, "staff_signin/device_enrol.html", {
        "form": form, "title": _("Set up your authenticator app"),
        # segno escapes the text it draws; the SVG holds no script and no style attribute.
        "qr_svg": mark_safe(two_factor.qr_code_svg(device)),  # noqa: S308
        "manual_key": two_factor.manual_key(device),
    }, status)


@never_cache
@require_GET
@_staff_only
def backup_codes(request):
    """Shown once, right after enrolment: reloading the page does not show them again."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if codes is None:
        return redirect(_next_url(request))
    return _render(request, "staff_signin/backup_codes.html", {"codes": codes, "title": _("Your backup codes")})


def locked_out(request, original_response=None, credentials=None):
    """django-axes answers with this page once a username has failed too often from one address,
    or the address itself has, whatever the usernames."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(request, "staff_signin/lockout.html", {
        **admin.site.each_context(request), "title": _("Sign-in paused"), "minutes": minutes,
        "whole_address": lockout.address_locked(request),
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
