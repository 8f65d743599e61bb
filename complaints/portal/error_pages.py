"""The page for a request the portal could not complete (handler500).

When the database is away for a moment (restarting, failing over), the request gets a 503 that
says so and when to try again, instead of a generic server error: nothing half-done was kept (the
request's transaction was rolled back), and sending a complaint again is safe because the form's
draft token makes the second sending the same complaint. The page itself never touches the database.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


def database_unavailable(error) -> bool:
    """Django wraps the driver's errors, but not everywhere: closing a cursor after the server went
    away raises psycopg2's own OperationalError."""
    driver = connection.Database
    return isinstance(error, (OperationalError, InterfaceError, driver.OperationalError, driver.InterfaceError))


def server_error(request):
    if not database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request)
    if request.path.startswith(("/api/", "/open311/")):
        response = JsonResponse({"error": "The service is briefly unavailable; try again shortly."}, status=503)
    else:
        try:
            response = render(request, "503.html", status=503)
        except Exception:  # the page must not fail in turn: plain words instead
            log.exception("The 503 page could not be rendered")
            response = HttpResponse(_("The service is briefly unavailable. Please try again in a minute."),
                                    status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
