"""The load driver shared by `bench_intake` and `load_test`: N client threads, each repeating a
scenario against a live server until a deadline, every request timed and recorded.

A scenario is a function `scenario(session) -> None` that makes its requests through
`session.request(...)`; each request becomes a `Sample`. It is plain http.client on one
connection per client (re-opened when the server closes it, as gunicorn's sync workers do), so
the driver costs little CPU next to the server on the same machine.
"""

import http.client
import itertools
import math
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Sample:
    kind: str  # what was asked, e.g. "open311 POST"
    status: int  # the HTTP status, or 0 when no answer came (connection refused or reset)
    milliseconds: float
    started: float  # seconds since the run started


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Session:
    """One simulated client: a connection, its cookies, and the samples it recorded."""

    def __init__(self, base_url: str, *, source_address: str | None = None, run_started: float = 0.0,
                 timeout: float = 30.0):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.source_address = source_address
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.samples: list[Sample] = []
        self.run_started = run_started or time.monotonic()
        self._connection = None

    def request(self, kind: str, method: str, path: str, *, form: dict | None = None, body: bytes | None = None,
                headers: dict | None = None, content_type: str | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if form is not None:
            body, content_type = urlencode(form, doseq=True).encode(), "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        if method != "GET":
            headers["Origin"] = self.origin
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.monotonic()
        try:
            response = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException):
            self._close()
            self._record(kind, 0, started)
            return Response(0, {}, b"")
        self._record(kind, response.status, started)
        return response

    def start_over(self, *, source_address: str | None) -> None:
        """Becomes a new client: no cookies, a new connection from `source_address`."""
        self._close()
        self.cookies.clear()
        self.source_address = source_address

    def csrf_token(self, page: bytes) -> str:
        match = CSRF_INPUT.search(page)
        return match.group(1).decode() if match else self.cookies.get("csrftoken", "")

    def close(self):
        self._close()

    def _send(self, method, path, body, headers) -> Response:
        while True:
            reused = self._connection is not None
            connection = self._open()
            try:
                connection.request(method, path, body=body, headers=headers)
                raw = connection.getresponse()
                content = raw.read()
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                self._close()
                if not reused:
                    raise
                # A kept-alive connection the server had closed while idle: sent again, once, on
                # a new connection. A fresh connection failing is recorded, never retried (a
                # POST sent twice would spoil the accounting).
                continue
            for cookie in raw.headers.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";", 1)[0].partition("=")
                if value:
                    self.cookies[name.strip()] = value.strip()
                else:
                    self.cookies.pop(name.strip(), None)
            if raw.will_close:
                self._close()
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, content)

    def _open(self):
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout,
                source_address=(self.source_address, 0) if self.source_address else None)
        return self._connection

    def _close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _record(self, kind, status, started):
        now = time.monotonic()
        self.samples.append(Sample(kind, status, (now - started) * 1000, started - self.run_started))


class SourceAddresses:
    """A different loopback address (127.x.y.z) for each simulated citizen, so the portal's
    per-address limits see many citizens, as they would on the Internet, not one."""

    def __init__(self, first: int = 1):
        self._numbers = itertools.count(first)
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            number = next(self._numbers)
        host = number % 254 + 1  # 1 to 254: never a network or broadcast address
        block = number // 254 % (256 * 256 - 2) + 2  # never 127.0.0.x or 127.0.1.x, the server's own
        return f"127.{block >> 8}.{block & 255}.{host}"


@dataclass
class Run:
    clients: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # exceptions raised by scenarios
    elapsed: float = 0.0


def run(scenario_for, *, clients: int, seconds: float) -> Run:
    """Runs `clients` threads; thread i repeats `scenario_for(i)(session)` until `seconds` have
    passed (a scenario under way is finished). `scenario_for(i)` returns the scenario and the
    session it uses: `(scenario, session)`."""
    result = Run(clients, seconds)
    started = time.monotonic()
    deadline = started + seconds
    lock = threading.Lock()

    def client(index):
        scenario, session = scenario_for(index)
        session.run_started = started
        try:
            while time.monotonic() < deadline:
                try:
                    scenario(session)
                except Exception as error:  # recorded and counted as a failure, the run goes on
                    with lock:
                        result.errors.append(f"{type(error).__name__}: {error}")
        finally:
            session.close()
            with lock:
                result.samples.extend(session.samples)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.monotonic() - started
    return result


# --- Figures ---------------------------------------------------------------------------------

def percentile(values, share: float) -> float:
    """The nearest-rank percentile (share 0.95 → p95): the smallest value with at least that share
    of the values at or below it. NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    kind: str
    requests: int
    per_second: float
    p50: float
    p95: float
    p99: float
    server_errors: int  # 5xx
    failures: int  # no answer at all
    other_refusals: int  # 4xx

    def line(self) -> str:
        return (f"{self.kind:<34} {self.requests:>6} requests {self.per_second:8.1f}/s  "
                f"p50 {self.p50:6.1f} ms  p95 {self.p95:6.1f} ms  p99 {self.p99:6.1f} ms  "
                f"5xx {self.server_errors}  4xx {self.other_refusals}  no answer {self.failures}")


def summarise(samples, *, kind: str, elapsed: float) -> Summary:
    chosen = [sample for sample in samples if sample.kind == kind]
    timings = [sample.milliseconds for sample in chosen]
    return Summary(
        kind=kind, requests=len(chosen), per_second=len(chosen) / elapsed if elapsed else 0.0,
        p50=percentile(timings, 0.50), p95=percentile(timings, 0.95), p99=percentile(timings, 0.99),
        server_errors=sum(1 for sample in chosen if sample.status >= 500),
        failures=sum(1 for sample in chosen if sample.status == 0),
        other_refusals=sum(1 for sample in chosen if 400 <= sample.status < 500),
    )


def kinds(samples) -> list[str]:
    return list(dict.fromkeys(sample.kind for sample in samples))
