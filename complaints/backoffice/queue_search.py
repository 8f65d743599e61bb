"""The queue's search box posts what was typed: a CPR, a mobile number or a name typed there must
not end up in a URL, which proxies and servers log and browsers keep in their history (ASVS
14.2.1). The words stay in the session under a random token; the queue's URL carries the token."""

import secrets

SESSION_KEY = "queue_searches"
PREFIX = "@"
KEPT = 20


def remember(request, term: str) -> str:
    """The value for the URL's `q`: a token standing for `term`, or nothing for an empty search."""
    term = term.strip()
    if not term:
        return ""
    searches = dict(request.session.get(SESSION_KEY, {}))
    token = secrets.token_urlsafe(9)
    searches[token] = term
    request.session[SESSION_KEY] = dict(list(searches.items())[-KEPT:])
    return PREFIX + token


def recall(request, value: str) -> str:
    """What a `q` from the URL stands for: the words behind a token (none once forgotten), or the
    value itself (a reference or words in a link from elsewhere)."""
    if value.startswith(PREFIX):
        return request.session.get(SESSION_KEY, {}).get(value[len(PREFIX):], "")
    return value
