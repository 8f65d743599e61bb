"""Staff pages are never stored by a browser or a proxy: a case, a report or the API's JSON left
in a shared computer's cache or a proxy's disk is personal data read by the next person.

The admin marks its own views (never_cache), but the minister's office, the reports, the API's
documentation and the staff API are separate views: one rule here, by URL, covers them and every
page added under those prefixes later, whether it answers 200, a redirect or an error."""

import re

from django.conf import settings
from django.utils.cache import add_never_cache_headers

# Under the language prefix (/ar/, /en/) or not. The public statistics (/<lang>/statistics/),
# the citizens' pages and Open311 are not staff pages and keep their own caching.
STAFF_PREFIXES = ("/admin/", "/api/", "/minister/", "/reports/")


def _without_language(path: str) -> str:
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.sub(rf"^/(?:{codes})(?=/)", "", path)


def is_staff_page(path: str) -> bool:
    return _without_language(path).startswith(STAFF_PREFIXES)


class StaffPagesNotStoredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_staff_page(request.path_info):
            add_never_cache_headers(response)
        return response
