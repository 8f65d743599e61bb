"""The HTTP client to Tawasul, tested against a real HTTP server on 127.0.0.1: what it sends,
and how a server error, a refusal and a server too slow to answer come back."""

import json
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from channels_intake.tawasul import client
from channels_intake.tawasul.client import ReplySent, StatusChange, TawasulError

CHANGED_AT = datetime(2026, 11, 28, 9, 15, tzinfo=UTC)


@pytest.fixture
def tawasul_server(settings):
    """Tawasul's API: records each request; `answer` sets the status, body and delay of the next ones."""
    received, answer = [], {"code": 200, "body": b"{}", "delay": 0.0}

    class Handler(BaseHTTPRequestHandler):
        def handle_request(self):
            length = int(self.headers.get("Content-Length") or 0)
            received.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                             "body": json.loads(self.rfile.read(length)) if length else None})
            time.sleep(answer["delay"])
            self.send_response(answer["code"])
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer["body"])

        do_GET = do_POST = handle_request

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.TAWASUL_API_URL = f"http://127.0.0.1:{server.server_port}/api/v1/"
    settings.TAWASUL_API_TOKEN = "tawasul-token"
    settings.TAWASUL_TIMEOUT_SECONDS = 0.3
    yield received, answer
    server.shutdown()
    server.server_close()


def test_a_status_change_is_posted_as_json_with_the_token_and_an_idempotency_key(tawasul_server):
    received, _answer = tawasul_server
    client.HttpBackend().push_status(StatusChange(case_number="TW-2026-0050001", status="ANSWERED",
                                                          changed_at=CHANGED_AT, key="moh-tawasul-update-7"))
    [request] = received
    assert (request["method"], request["path"]) == ("POST", "/api/v1/cases/TW-2026-0050001/status")
    assert request["headers"]["Authorization"] == "Bearer tawasul-token"
    assert request["headers"]["Idempotency-Key"] == "moh-tawasul-update-7"
    assert request["body"] == {"case_number": "TW-2026-0050001", "status": "ANSWERED",
                               "changed_at": "2026-11-28T09:15:00+00:00"}


def test_a_reply_is_posted_with_its_arabic_text_and_language(tawasul_server):
    received, _answer = tawasul_server
    client.HttpBackend().push_reply(ReplySent(case_number="TW/2026/1", text="تم إصلاح التسرب",
                                                      language="ar", replied_at=CHANGED_AT, key="k"))
    [request] = received
    assert request["path"] == "/api/v1/cases/TW%2F2026%2F1/replies"     # a case number is one path segment
    assert request["body"] == {"case_number": "TW/2026/1", "text": "تم إصلاح التسرب", "language": "ar",
                               "replied_at": "2026-11-28T09:15:00+00:00"}


def test_a_case_s_status_is_read_and_an_unknown_case_is_none(tawasul_server):
    received, answer = tawasul_server
    answer["body"] = json.dumps({"case_number": "TW-2026-0050001", "status": "UNDER_PROCESS"}).encode()
    assert client.HttpBackend().fetch_status("TW-2026-0050001") == "UNDER_PROCESS"
    assert received[0]["method"] == "GET" and received[0]["headers"]["Authorization"] == "Bearer tawasul-token"

    answer["code"], answer["body"] = 404, b'{"error": "not found"}'
    assert client.HttpBackend().fetch_status("TW-0") is None


def test_a_server_error_is_worth_trying_again(tawasul_server):
    _received, answer = tawasul_server
    answer["code"] = 500
    with pytest.raises(TawasulError) as raised:
        client.HttpBackend().push_status(StatusChange("TW-1", "CLOSED", CHANGED_AT, "k"))
    assert raised.value.retryable is True and raised.value.status == 500


def test_a_request_tawasul_refuses_is_not_worth_trying_again(tawasul_server):
    _received, answer = tawasul_server
    answer["code"] = 422
    with pytest.raises(TawasulError) as raised:
        client.HttpBackend().push_status(StatusChange("TW-1", "CLOSED", CHANGED_AT, "k"))
    assert raised.value.retryable is False


def test_a_server_too_slow_to_answer_times_out_and_is_tried_again(tawasul_server):
    _received, answer = tawasul_server
    answer["delay"] = 1.0
    started = time.monotonic()
    with pytest.raises(TawasulError) as raised:
        client.HttpBackend().push_status(StatusChange("TW-1", "CLOSED", CHANGED_AT, "k"))
    assert time.monotonic() - started < 0.9
    assert raised.value.retryable is True


def test_a_status_answer_without_a_status_is_an_error(tawasul_server):
    _received, answer = tawasul_server
    answer["body"] = b"<html>maintenance</html>"
    with pytest.raises(TawasulError):
        client.HttpBackend().fetch_status("TW-1")


def test_nobody_listening_is_worth_trying_again(settings):
    settings.TAWASUL_API_URL = "http://127.0.0.1:9/api/v1"      # the discard port: nothing listens
    with pytest.raises(TawasulError) as raised:
        client.HttpBackend().push_status(StatusChange("TW-1", "CLOSED", CHANGED_AT, "k"))
    assert raised.value.retryable is True


@pytest.mark.django_db
def test_the_outbox_sends_through_the_http_backend_and_survives_a_timeout(tawasul_server, settings, maintenance):
    """End to end: the first attempt times out and is retried; the second reaches Tawasul."""
    from django.db import transaction
    from django.utils import timezone

    from channels_intake.models import TawasulUpdate
    from channels_intake.tawasul import outbox
    from complaints import lifecycle
    from complaints.models import Complaint
    from tests.factories import ComplaintFactory

    received, answer = tawasul_server
    complaint = ComplaintFactory(channel="tawasul", external_reference="TW-2026-0050009", department=maintenance,
                                 status=Complaint.Status.ROUTED)
    with transaction.atomic():
        lifecycle.change_status(complaint, Complaint.Status.AWAITING_CITIZEN, by=None, now=timezone.now())
    [update] = TawasulUpdate.objects.all()

    answer["delay"] = 1.0
    assert outbox.send(update.pk) is outbox.Outcome.RETRY_LATER
    answer["delay"] = 0.0
    update.refresh_from_db()
    assert outbox.send(update.pk, now=update.next_attempt_at) is outbox.Outcome.SENT
    assert received[-1]["body"]["status"] == "PENDING_CITIZEN"
    assert received[-1]["headers"]["Idempotency-Key"] == received[0]["headers"]["Idempotency-Key"]
