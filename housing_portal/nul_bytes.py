"""Refuses a request with a NUL character in what it says, before any view sees it.

PostgreSQL cannot store NUL in a text or JSON column, and nobody types one: a NUL in the path, the
query string (public Open311 reads, tracking, admin filters and searches), a form field or a JSON
string is either an attack or a broken sender, and used to end in a 500. Every input is checked
here once rather than in each form and channel. Uploaded files are not looked at: their contents
legitimately hold NUL bytes.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from housing_portal import json_parsing

NUL = "\x00"
INTAKE_PATHS = ("/api/v1/intake/",)


def has_nul(value) -> bool:
    """Whether a decoded JSON value holds a NUL in any string, key or value, however deep."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False


def nul_in_request(request) -> str | None:
    """Where the request holds a NUL ("path", "query", "form" or "body"), or None."""
    if NUL in request.path or NUL in request.path_info:
        return "path"
    if any(NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()):
        return "query"
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        if request.path.startswith(INTAKE_PATHS):
            # The webhooks take JSON only and read the raw body for its signature, which parsing a
            # multipart form here would use up; they refuse a form unread.
            return None
        # Only the text fields: request.POST leaves the files aside.
        found = any(NUL in key or any(NUL in value for value in values) for key, values in request.POST.lists())
        return "form" if found else None
    if not content_type.endswith("json"):
        return None  # any other body is the view's to read: raw files may hold NUL bytes
    body = request.body  # kept on the request, so the view reads it again (and signatures still match)
    if b"\x00" in body:
        return "body"
    if b"\\u0000" in body:
        # The escape may be a backslash written as text ("\\u0000"); only the decoded strings tell.
        try:
            return "body" if has_nul(json_parsing.loads(body)) else None
        except (ValueError, RecursionError):
            return None  # not JSON (or too deep to walk): the view says so
    return None


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if where := nul_in_request(request):
            return refusal(request, where)
        return self.get_response(request)


def refusal(request, where: str):
    message = _("The request contains a NUL character (\\x00 or %00), which is never valid here. "
                "Remove it and send again.")
    path = request.path
    if path.startswith("/open311/"):
        # Open311's own error shape: a list of codes and descriptions.
        return JsonResponse([{"code": 400, "description": message}], status=400, safe=False)
    if path.startswith(INTAKE_PATHS):
        return JsonResponse({"error": message}, status=400)  # the intake webhooks' documented shape
    if path.startswith("/api/"):
        # The staff API's errors by parameter, naming the part of the request that holds the NUL.
        return JsonResponse({where: [message]}, status=400)
    if (request.content_type or "").endswith("json"):
        return JsonResponse({"error": message}, status=400)
    return render(request, "400_refused.html", {"message": message}, status=400)


OPEN311_ERRORS = {"type": "array", "items": {"type": "object", "required": ["code", "description"], "properties": {
    "code": {"type": "integer"}, "description": {"type": "string"}}}}
BY_PART = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}


def document_refusal(result, generator, request, public):
    """A drf-spectacular postprocessing hook: every operation may answer this 400, so the schema says so
    where the operation documents no 400 of its own (the shapes above match the ones that do)."""
    for path, operations in result["paths"].items():
        schema = OPEN311_ERRORS if path.startswith("/open311/") else BY_PART
        for operation in operations.values():
            operation["responses"].setdefault("400", {
                "description": "A NUL character in the path, the query or the body.",
                "content": {"application/json": {"schema": schema}}})
    return result
