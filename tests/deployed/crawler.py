"""A browser for the deployed tests: real HTTP with `requests`, as a browser behind the ministry's
TLS proxy would send it (every request says `X-Forwarded-Proto: https`, so the secure cookies,
HSTS and the HTTPS redirect stay on), a session sign-in through the admin's own form, and a
breadth-first crawl of the same-site links it can reach with GET only."""

import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests

# Never followed: signing out, or anything that is not a page of this site.
SKIPPED_PATHS = re.compile(r"/logout/|/i18n/setlang/")
NUMBER = re.compile(r"/\d+(?=/|\.|$)")
# Where the admin came from, carried along in its links: the same page whatever it says.
NAVIGATION_ONLY = {"_changelist_filters"}


# Typed into every search box (a GET form with a `q` field): an Arabic word, and digits as of a
# reference, a CPR or a mobile number, which the staff queue looks up differently.
SEARCHES = ("ماء", "2026")


# The attribute of each element that names another URL.
URL_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src"}


class Links(HTMLParser):
    """The URLs a page leads to: links, stylesheets, scripts, images, GET forms, and searches."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.csrf_token = ""
        self.get_form_action = None  # inside a GET form: where it goes ("" is the page itself)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in URL_ATTRIBUTES and attrs.get(URL_ATTRIBUTES[tag]):
            self.found.append(attrs[URL_ATTRIBUTES[tag]])
        elif tag == "form":
            is_get = (attrs.get("method") or "get").lower() == "get"
            self.get_form_action = (attrs.get("action") or "") if is_get else None
            if is_get and attrs.get("action"):
                self.found.append(attrs["action"])
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf_token = attrs.get("value") or ""
        elif tag == "input" and attrs.get("name") == "q" and self.get_form_action is not None:
            self.found += [f"{self.get_form_action}?{urlencode({'q': text})}" for text in SEARCHES]

    def handle_endtag(self, tag):
        if tag == "form":
            self.get_form_action = None


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


class Browser:
    """One person's browser: its own cookies, sent whatever their Secure flag says, because the
    browser's side of the proxy is HTTPS even though the last hop (the proxy to gunicorn) is not."""

    def __init__(self, base_url: str, *, language: str):
        self.base_url, self.language = base_url.rstrip("/"), language
        self.origin = "https://" + urlsplit(self.base_url).netloc
        self.cookies = requests.cookies.RequestsCookieJar()
        self.http = requests.Session()

    def request(self, method: str, url: str, *, data=None, referer: str = "") -> requests.Response:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": self.language}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)
        if method == "POST":
            headers |= {"Origin": self.origin, "Referer": self.origin + urlsplit(referer or url).path}
        response = self.http.request(method, urljoin(self.base_url, url), data=data, headers=headers,
                                     allow_redirects=False, timeout=120)
        self.cookies.update(response.cookies)
        for name in expired_cookies(response):
            self.cookies.pop(name, None)
        return response

    def submit(self, url: str, fields: dict) -> requests.Response:
        """Fills in the form the page at `url` shows and sends it, with the page's CSRF token."""
        form = self.request("GET", url)
        assert form.status_code == 200, f"{url} answered {form.status_code}"
        return self.request("POST", url, data={"csrfmiddlewaretoken": parse(form.text).csrf_token, **fields})

    def sign_in(self, username: str, password: str) -> None:
        """Through the admin's sign-in form."""
        answer = self.submit("/admin/login/?next=/admin/", {"username": username, "password": password,
                                                            "next": "/admin/"})
        assert answer.status_code == 302 and answer.headers["Location"] == "/admin/", (
            f"{username} could not sign in: {answer.status_code} {answer.text[:2000]}")

    def track(self, reference: str, mobile: str) -> str:
        """Proves to the tracking form that this is the citizen's complaint; its tracking page."""
        answer = self.submit(f"/{self.language}/track/", {"reference": reference, "mobile_last_digits": mobile[-4:]})
        assert answer.status_code == 302, f"tracking {reference} answered {answer.status_code}"
        return answer.headers["Location"]


def expired_cookies(response: requests.Response) -> list[str]:
    """The cookies the response deletes (Django sets them empty with Max-Age=0)."""
    expired = []
    for header in response.raw.headers.getlist("Set-Cookie"):
        for name, morsel in SimpleCookie(header).items():
            if morsel["max-age"] == "0":
                expired.append(name)
    return expired


@dataclass
class Crawl:
    """What a crawl fetched: each URL's status, and the page it was found on."""

    statuses: dict[str, int] = field(default_factory=dict)
    found_on: dict[str, str] = field(default_factory=dict)
    static_failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    not_fetched: int = 0  # found, but beyond the page limit

    @property
    def pages(self) -> int:
        return len(self.statuses)

    def failures(self) -> list[str]:
        """Every page that answered 5xx, and every static file that did not answer 200 (a name
        the manifest knows but whitenoise does not serve)."""
        return [f"{status} {url} (linked from {self.found_on[url]})"
                for url, status in self.statuses.items() if status >= 500] + self.static_failures


@dataclass
class Limits:
    """Keeps a crawl to a few minutes on 2 cores: each list's first few objects, a few variants
    (filters, sort orders, pages) of each page, and a ceiling on pages in all."""

    pages: int = 500
    objects_per_kind: int = 3  # concrete URLs per shape (/admin/x/y/<n>/change/)
    queries_per_page: int = 10  # query strings per path (?status=…, ?o=2, ?p=2)


class Frontier:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.queue: deque[tuple[str, str]] = deque()
        self.seen: set[str] = set()
        self.paths_of_shape: dict[str, set[str]] = {}
        self.queries_of_path: Counter = Counter()

    def offer(self, url: str, found_on: str) -> None:
        if url in self.seen:
            return
        parts = urlsplit(url)
        shape = NUMBER.sub("/<n>", parts.path)
        paths = self.paths_of_shape.setdefault(shape, set())
        if parts.path not in paths and len(paths) >= self.limits.objects_per_kind:
            return
        if parts.query and self.queries_of_path[parts.path] >= self.limits.queries_per_page:
            return
        paths.add(parts.path)
        self.queries_of_path[parts.path] += bool(parts.query)
        self.seen.add(url)
        self.queue.append((url, found_on))


def same_site(url: str, *, page: str, base_url: str) -> str | None:
    """The link as a path and query on this site, or None for another site, a fragment or a
    link that must not be followed."""
    absolute = urljoin(page, url.strip())
    parts, base = urlsplit(absolute), urlsplit(base_url)
    if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
        return None
    if SKIPPED_PATHS.search(parts.path):
        return None
    query = urlencode([(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                       if name not in NAVIGATION_ONLY])
    return urlunsplit(("", "", parts.path, query, ""))


def is_static(path: str) -> bool:
    return path.startswith("/static/")


def crawl(browser: Browser, start: list[str], *, limits: Limits, static_fetched: dict[str, int]) -> Crawl:
    """GETs pages breadth-first from `start`. Static files are fetched once for all crawls
    (`static_fetched`, shared) and are not counted against the page limit."""
    result, frontier, started = Crawl(), Frontier(limits), time.monotonic()
    for url in start:
        frontier.offer(url, "the start")
    while frontier.queue and result.pages < limits.pages:
        url, found_on = frontier.queue.popleft()
        response = browser.request("GET", url)
        result.statuses[url], result.found_on[url] = response.status_code, found_on
        page = urljoin(browser.base_url, url)
        if response.is_redirect:
            targets = [response.headers["Location"]]
        elif response.ok and response.headers.get("Content-Type", "").startswith("text/html"):
            targets = parse(response.text).found
        else:
            targets = []
        for target in targets:
            link = same_site(target, page=page, base_url=browser.base_url)
            if link is None:
                continue
            if is_static(link):
                fetch_static(browser, link, found_on=url, fetched=static_fetched, result=result)
            else:
                frontier.offer(link, url)
    result.seconds, result.not_fetched = time.monotonic() - started, len(frontier.queue)
    return result


def fetch_static(browser, link, *, found_on, fetched, result) -> None:
    if link in fetched:
        return
    fetched[link] = browser.request("GET", link).status_code
    if fetched[link] != 200:
        result.static_failures.append(f"{fetched[link]} {link} (linked from {found_on})")
