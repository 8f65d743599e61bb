"""The load driver's arithmetic and bookkeeping: percentiles, summaries, source addresses, the
accounting of accepted against stored, and what /proc says about a process. No server needed."""

import itertools
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks import load, load_test, runs, scenarios, servers


@pytest.mark.parametrize(("values", "share", "expected"), [
    ([5.0], 0.95, 5.0),
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.50, 5),
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95, 10),
    ([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.90, 9),        # order does not matter
    (list(range(1, 101)), 0.95, 95),
    (list(range(1, 101)), 0.99, 99),
    (list(range(1, 1001)), 0.999, 999),
    ([3, 1, 2], 0.0, 1),                               # the smallest value, never an index of -1
])
def test_percentile_is_the_nearest_rank(values, share, expected):
    assert load.percentile(values, share) == expected


def test_percentile_of_nothing_is_not_a_number():
    assert math.isnan(load.percentile([], 0.95))


def sample(kind, status, milliseconds=10.0):
    return load.Sample(kind=kind, status=status, milliseconds=milliseconds, started=0.0)


def test_a_summary_counts_server_errors_refusals_and_requests_without_an_answer_apart():
    samples = [sample("a", 201), sample("a", 302), sample("a", 503), sample("a", 500), sample("a", 429),
               sample("a", 0), sample("b", 500)]

    summary = load.summarise(samples, kind="a", elapsed=2.0)

    assert (summary.requests, summary.server_errors, summary.other_refusals, summary.failures) == (6, 2, 1, 1)
    assert summary.per_second == 3.0
    assert summary.line().startswith("a ")


def test_a_summary_gives_the_percentiles_of_its_kind_only():
    samples = [sample("fast", 200, ms) for ms in range(1, 101)] + [sample("slow", 200, 1000)]

    summary = load.summarise(samples, kind="fast", elapsed=1.0)

    assert (summary.p50, summary.p95, summary.p99) == (50, 95, 99)


def test_kinds_keep_the_order_they_were_first_seen():
    assert load.kinds([sample("b", 200), sample("a", 200), sample("b", 200)]) == ["b", "a"]


def test_each_simulated_citizen_comes_from_a_loopback_address_of_their_own():
    addresses = load.SourceAddresses(first=0)

    seen = [addresses.next() for _ in range(70_000)]

    assert len(set(seen)) == len(seen)
    assert all(address.startswith("127.") for address in seen)
    assert not any(address.startswith(("127.0.0.", "127.0.1.")) for address in seen)  # the server's own
    assert not any(address.endswith(".0") or address.endswith(".255") for address in seen)


def test_new_citizens_have_new_cpr_numbers_and_valid_mobiles():
    from complaints.values import identity

    citizens = scenarios.Citizens(seed=99_999_990)
    issued = [citizens.next() for _ in range(20)]

    assert len({cpr for cpr, _ in issued}) == 20
    for cpr, mobile in issued:
        assert identity.normalise_cpr(cpr) == cpr
        assert identity.normalise_mobile(mobile) == mobile


@pytest.mark.parametrize(("accepted", "stored", "found", "matches"), [
    (10, 10, 10, True),
    (10, 9, 9, False),      # a confirmed complaint is missing
    (10, 11, 10, False),    # a complaint was stored that nobody was told about
    (10, 10, 9, False),     # the right number, but not the ones confirmed
    (0, 0, 0, True),
])
def test_accepted_must_equal_stored(accepted, stored, found, matches):
    count = runs.Count("complaints", accepted, stored, found)
    assert count.matches is matches
    assert ("ok" if matches else "MISMATCH") in count.line()


def test_the_ledger_keeps_references_by_kind_across_threads():
    ledger = scenarios.Ledger()

    threads = [threading.Thread(target=lambda n=n: [ledger.add("web form", f"ref-{n}-{i}") for i in range(100)])
               for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ledger.add("ceiling")

    assert ledger.count("web form") == 800 and len(set(ledger.references("web form"))) == 800
    assert ledger.count("ceiling") == 1 and ledger.references("ceiling") == []


def test_the_load_test_mixes_submissions_tracking_and_the_staff_queue():
    roles = [load_test.role_of(index) for index in range(16)]
    assert (roles.count("submit"), roles.count("track"), roles.count("staff")) == (8, 6, 2)


def test_peak_memory_is_read_from_vmhwm():
    status = "Name:\tgunicorn\nVmPeak:\t  300000 kB\nVmHWM:\t  104512 kB\nVmRSS:\t   98000 kB\n"
    assert servers.parse_peak_rss(status) == 104512
    assert servers.parse_peak_rss("Name:\tzombie\n") == 0


def test_cpu_time_is_read_even_when_the_process_name_holds_spaces_and_parentheses():
    ticks = servers.os.sysconf("SC_CLK_TCK")
    stat = f"1234 (celery (pool) x) S 1 2 3 4 5 6 7 8 9 10 {3 * ticks} {ticks} 0 0 20 0 1 0"
    assert servers.parse_cpu_seconds(stat) == 4.0


def test_this_process_has_a_peak_memory_and_a_cpu_time():
    assert servers.peak_rss_kib(servers.os.getpid()) > 1000
    assert servers.cpu_seconds(servers.os.getpid()) > 0
    assert servers.peak_rss_kib(2 ** 22 + 1) == 0  # gone


def test_the_server_configuration_is_named_in_the_figures():
    assert servers.ServerConfig(workers=4).describe() == "gunicorn 4 sync workers"
    assert servers.ServerConfig(workers=2, worker_class="gthread", threads=4).arguments() == [
        "--workers", "2", "--worker-class", "gthread", "--threads", "4"]


@pytest.mark.parametrize(("location", "path"), [
    ("/ar/complaints/sent/261234567890/", "/ar/complaints/sent/261234567890/"),
    ("http://127.0.0.1:8000/ar/track/26-1234/", "/ar/track/26-1234/"),
])
def test_a_redirect_is_followed_to_its_path(location, path):
    assert scenarios.local_path(location) == path


# --- The session against a real HTTP server ---------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'<form><input type="hidden" name="csrfmiddlewaretoken" value="tok123"></form>'
        self.send_response(200)
        self.send_header("Set-Cookie", "csrftoken=abc; Path=/; SameSite=Lax")
        self.send_header("Set-Cookie", "sessionid=s1; HttpOnly")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.server.seen.append((self.headers.get("Cookie"), self.headers.get("Origin"), self.rfile.read(length)))
        self.send_response(302)
        self.send_header("Location", "/done/")
        self.send_header("Set-Cookie", "sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_session_keeps_cookies_sends_the_csrf_token_and_records_each_request(http_server):
    url = f"http://127.0.0.1:{http_server.server_port}"
    session = load.Session(url, source_address="127.3.2.1")

    page = session.request("page", "GET", "/form/")
    answer = session.request("post", "POST", "/form/", form={"csrfmiddlewaretoken": session.csrf_token(page.body),
                                                             "subject": "تسرب"})
    session.close()

    cookie, origin, body = http_server.seen[0]
    assert cookie == "csrftoken=abc; sessionid=s1"
    assert origin == url
    assert b"csrfmiddlewaretoken=tok123" in body and b"subject=%D8%AA" in body
    assert answer.status == 302 and answer.location == "/done/"
    assert session.cookies == {"csrftoken": "abc"}                  # the emptied cookie is forgotten
    assert [(s.kind, s.status) for s in session.samples] == [("page", 200), ("post", 302)]


def test_a_request_without_an_answer_is_recorded_with_status_zero():
    port = servers.free_port()  # nothing listens there
    session = load.Session(f"http://127.0.0.1:{port}", timeout=2)

    answer = session.request("nothing", "GET", "/")

    assert answer.status == 0 and session.samples[0].status == 0


def test_a_run_repeats_the_scenario_on_every_client_and_collects_errors(http_server):
    url = f"http://127.0.0.1:{http_server.server_port}"
    calls, numbers = [], itertools.count(1)  # next() on a count is atomic: one client gets the third

    def scenario(session):
        number = next(numbers)
        calls.append(number)
        session.request("page", "GET", "/")
        if number == 3:
            raise AssertionError("refused")

    result = load.run(lambda index: (scenario, load.Session(url)), clients=3, seconds=0.3)

    assert len(result.samples) == len(calls) >= 3
    assert result.errors == ["AssertionError: refused"]
    assert result.elapsed >= 0.3


def test_each_draft_filled_in_beforehand_is_sent_once_and_running_out_is_an_error():
    drafts = scenarios.Drafts()
    for number in range(200):
        drafts.add(scenarios.Draft(language="ar", source_address=f"127.0.2.{number}", cookies={"n": str(number)}))
    taken, lock = [], threading.Lock()

    def take_all():
        while True:
            try:
                draft = drafts.take()
            except RuntimeError:
                return
            with lock:
                taken.append(draft.cookies["n"])

    threads = [threading.Thread(target=take_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken, key=int) == [str(number) for number in range(200)]
    with pytest.raises(RuntimeError, match="no draft left"):
        drafts.take()
