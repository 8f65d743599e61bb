"""The portal's own pages for a request it could not answer (handler404, handler403, handler500),
in the language of the page asked for, with the hotline and a way back; machines get JSON.

When the database is away for a moment (restarting, failing over), the request gets a 503 that
says so and when to try again, instead of a generic server error: nothing half-done was kept (the
request's transaction was rolled back), and sending a complaint again is safe because the form's
draft token makes the second sending the same complaint. The error pages never touch the database.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
MACHINE_PATHS = ("/api/", "/open311/")


def database_unavailable(error) -> bool:
    """Django wraps the driver's errors, but not everywhere: closing a cursor after the server went
    away raises psycopg2's own OperationalError."""
    driver = connection.Database
    return isinstance(error, (OperationalError, InterfaceError, driver.OperationalError, driver.InterfaceError))


@requires_csrf_token  # the page's language switch is a form, and no view ran to set the token
def page_not_found(request, exception):
    return _page(request, "404.html", status=404, machine_message="Not found.", words=_("Page not found."))


@requires_csrf_token
def permission_denied(request, exception):
    return _page(request, "403.html", status=403, machine_message="You do not have permission to do this.",
                 words=_("You do not have permission to open this page."))


@requires_csrf_token
def server_error(request):
    if not database_unavailable(sys.exc_info()[1]):
        return _page(request, "500.html", status=500, machine_message="Server error.",
                     words=_("Sorry, something went wrong. Please try again later."))
    response = _page(request, "503.html", status=503,
                     machine_message="The service is briefly unavailable; try again shortly.",
                     words=_("The service is briefly unavailable. Please try again in a minute."))
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _page(request, template, *, status, machine_message, words):
    if request.path.startswith(MACHINE_PATHS):
        return JsonResponse({"error": machine_message}, status=status)
    try:
        return render(request, template, status=status)
    except Exception:  # the page must not fail in turn: plain words instead
        log.exception("The %s page could not be rendered", status)
        return HttpResponse(words, status=status, content_type="text/plain; charset=utf-8")
