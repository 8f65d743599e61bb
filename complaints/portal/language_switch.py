"""The language switch: the same page in the other language, with what was typed in it.

The page's language is its path prefix (/ar/…, /en/…), so the switch swaps the prefix. Django's own
`set_language` looks the page up in the language the request arrived in — the cookie's or the
browser's, for /i18n/setlang/ has no prefix — so when that differs from the page's, it finds no
page and sends the browser back where it was.

What was typed comes along in one of two ways. A page whose view keeps a draft (the complaint form,
with its files) takes the switch itself: its form is posted to it with `language`, it keeps the
draft and answers `redirect_in`. A page whose view keeps nothing (the tracking form) has its form
posted here; the fields wait in the session for that page in the other language, which fills them
in once (`carried`, through the `keep_typed` template tag).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.views import i18n

CARRIED = "language_switch_carried"
NOT_CARRIED = {"csrfmiddlewaretoken", i18n.LANGUAGE_QUERY_PARAMETER, "next"}
MAX_FIELDS = 20
MAX_CHARACTERS = 10_000  # as much as the longest field of any citizen's form


def in_language(url: str, language: str) -> str:
    """The same address with the other language's prefix; an address without one is kept."""
    parts = urlsplit(url)
    segments = parts.path.split("/", 2)
    if len(segments) > 1 and segments[1] in _languages():
        segments[1] = language
        return urlunsplit(parts._replace(path="/".join(segments)))
    return url


def requested(request) -> str | None:
    """The language a posted form asks to switch to, when the switch posted it."""
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    return language if language in _languages() else None


def redirect_in(request, language: str) -> HttpResponseRedirect:
    """The page of this request in `language`, remembered for the pages without a prefix."""
    return _remembered(HttpResponseRedirect(in_language(request.get_full_path(), language)), language)


def set_language(request):
    """Django's switch (its checks of `next`, its cookie), landing on the same page in the other
    language, with the fields of the page's form when the switch brought them."""
    response = i18n.set_language(request)
    language = requested(request) if request.method == "POST" else None
    if language and isinstance(response, HttpResponseRedirect):
        response["Location"] = in_language(response.url, language)
        _carry(request, to=urlsplit(response.url).path)
    return response


def carried(request) -> dict:
    """The fields brought to this page by the switch, once."""
    held = request.session.get(CARRIED)
    if not held or held["path"] != request.path:
        return {}
    del request.session[CARRIED]
    return held["fields"]


def _carry(request, *, to: str) -> None:
    fields = {}
    for name, values in request.POST.lists():
        if name in NOT_CARRIED or len(fields) == MAX_FIELDS:
            continue
        values = [value[:MAX_CHARACTERS] for value in values]
        fields[name] = values[0] if len(values) == 1 else values
    if fields:
        request.session[CARRIED] = {"path": to, "fields": fields}


def _remembered(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}
