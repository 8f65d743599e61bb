"""The back office's screens as the URL resolver has them, and what the permission matrix expects of
each (the `screens:` part of permission_matrix.yaml).

An entry names a route exactly as Django prints it and the roles (complaints.security.roles codes) that may
open it:

    admin/channels_intake/boxletter/add/: {open: [complaints-unit-agent, ministers-office, supervisor]}

`open: staff` means every role. Those listed get `answer` (200 unless given), the other roles get
`others` (403 unless given), and people who are not staff (anonymous, a citizen) are sent to the
sign-in page (302). Any person's answer may be given by name (`citizen: 403`; a 302 so given may
lead anywhere). A route with
parameters is opened at `path` (placeholders from the test's objects); without one, each parameter is
the object of the route's model ("admin/<app>/<model>/<id>/...": `{<app>_<model>}`), or 0 when the
test makes none: a screen that checks its permission still refuses the others, and sends those who
may open it to the index (302). `post: true` posts to it, with no data."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from complaints.security import roles

ROLE_CODES = tuple(role.code for role in roles.ROLES)
PEOPLE = ("anonymous", "citizen", *ROLE_CODES)
NOT_STAFF = ("anonymous", "citizen")
SIGN_IN = "/admin/login/"
ENTRY_KEYS = {"open", "path", "post", "answer", "others", *PEOPLE}

# The staff pages outside the admin site, by URL namespace or name.
STAFF_NAMESPACES = {"admin", "minister_office", "council"}
STAFF_URL_NAMES = {"reports", "report_export"}


def staff_routes() -> list[str]:
    """Every back-office route: the admin site's own, each ModelAdmin's get_urls() with its custom
    views, and the staff pages of the minister's office, the council and the reports (English)."""
    with translation.override("en"):
        return [route for route, namespaces, name in _walk(get_resolver().url_patterns)
                if STAFF_NAMESPACES & set(namespaces) or name in STAFF_URL_NAMES]


def _walk(patterns, prefix="", namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern),
                             namespaces + ((pattern.namespace,) if pattern.namespace else ()))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name == "app_list":  # a regular expression listing every app: named for what it is
                route = prefix + "<app_label>/"
            yield route, namespaces, pattern.name


def path_of(route: str, entry: dict, objects: dict) -> str:
    if "path" in entry:
        return entry["path"].format(**objects)
    if route == "admin/<app_label>/":
        return "/admin/complaints/"
    parts = route.split("/")
    key = f"{parts[1]}_{parts[2]}" if route.startswith("admin/") and len(parts) > 3 else ""
    resolved = []
    for part in parts:
        if part.startswith("<") and part.endswith(">"):
            part = str(objects.get(key, 0))
        resolved.append(part)
    return "/" + "/".join(resolved)


def expected(entry: dict) -> dict[str, int]:
    unknown = set(entry) - ENTRY_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)}: use {sorted(ENTRY_KEYS - set(PEOPLE))} or a person"
    may_open = ROLE_CODES if entry.get("open") == "staff" else tuple(entry.get("open") or ())
    assert set(may_open) <= set(ROLE_CODES), f"not a role: {sorted(set(may_open) - set(ROLE_CODES))}"
    answers = {person: 302 for person in NOT_STAFF}
    answers |= {code: entry.get("answer", 200) if code in may_open else entry.get("others", 403)
                for code in ROLE_CODES}
    return answers | {person: entry[person] for person in PEOPLE if person in entry}


def open_as_everyone(clients: dict, method_post: bool, path: str) -> tuple[dict[str, int], list[str]]:
    """Each person's answer, and the people sent to the sign-in page."""
    answers, signed_out = {}, []
    for person, client in clients.items():
        response = (client.post if method_post else client.get)(path)
        answers[person] = response.status_code
        if response.status_code in (301, 302) and response["Location"].startswith(SIGN_IN):
            signed_out.append(person)
    return answers, signed_out


def suggestion(route: str, answers: dict[str, int], signed_out: list[str]) -> str:
    """The entry that describes today's answers, for the engineer to check and paste."""
    refused = {code for code in ROLE_CODES if answers[code] == 403 or code in signed_out}
    may_open = [code for code in ROLE_CODES if code not in refused]
    entry = {"open": "staff" if len(may_open) == len(ROLE_CODES) else f"[{', '.join(may_open)}]"}
    usual = max(sorted({answers[code] for code in may_open}), key=[answers[c] for c in may_open].count,
                default=200)
    if usual != 200:
        entry["answer"] = usual
    fixed = expected({"open": list(may_open), "answer": usual})
    entry |= {person: answers[person] for person in PEOPLE if answers[person] != fixed[person]}
    shown = f"'{route}'" if any(mark in route for mark in ":?{[#$") else route
    return f"  {shown}: {{{', '.join(f'{key}: {value}' for key, value in entry.items())}}}"
