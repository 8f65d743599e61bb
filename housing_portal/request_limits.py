"""A ceiling on the size of a request's body. Django keeps an upload it is reading in a temporary
file whatever its size and checks the size only afterwards (complaints/files/uploads.py refuses a file
over 10 MB once it has arrived), so without a ceiling one request could fill the disk. The proxy in
front should refuse such bodies too; this holds where there is none (gunicorn alone)."""

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            return HttpResponse(_("What was sent is larger than %(limit)s: send fewer or smaller files.")
                                % {"limit": filesizeformat(limit)}, status=413,
                                content_type="text/plain; charset=utf-8")
        return self.get_response(request)
