"""Every URL the portal answers, as one concrete path per pattern, found by walking the resolver.

Tests that must cover every view (CSRF, open redirects) take their list from here, so a view
added later is covered without anyone remembering to add it."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve

# Values that make a pattern's parameters resolve; the objects need not exist.
SAMPLE_VALUES = {"kind": "attachment", "action": "assign", "file_format": "csv", "slug": "complaints"}


@dataclass(frozen=True)
class Route:
    pattern: str
    path: str
    callback: object

    @property
    def view_name(self) -> str:
        callback = getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None) or self.callback
        return f"{callback.__module__}.{getattr(callback, '__qualname__', callback.__class__.__name__)}"


def _concrete(pattern: str) -> str:
    path = re.sub(r"\(\?P<\w+>([\w|]+)\)", lambda m: m.group(1).split("|")[0], pattern)  # the first choice
    path = re.sub(r"\(\?P<url>\.\*\)", "no-such-page/", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE_VALUES.get(m.group(1), "1"), path)
    return "/" + path.replace("^", "").replace("$", "")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def every_route() -> list[Route]:
    routes = []
    for pattern, callback in _walk(get_resolver().url_patterns):
        path = _concrete(pattern)
        found = resolve(path)
        assert found.func is callback or pattern.endswith("(?P<url>.*)$"), (
            f"{pattern}: the sample path {path} resolves to another view; extend SAMPLE_VALUES")
        routes.append(Route(pattern=pattern, path=path, callback=callback))
    return routes
