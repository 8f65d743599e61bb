"""SMS backends: a file for staging, an HTTP gateway for production, tested against a real
local HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from complaints.notifications import sms


def test_the_file_backend_appends_json_lines(settings, tmp_path):
    settings.SMS_BACKEND = "complaints.notifications.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    sms.send_sms(to="+97339123456", text="رقمك المرجعي 26-4815-1623-4")
    sms.send_sms(to="+97336001122", text="second")
    lines = [json.loads(line) for line in (tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["to"] for line in lines] == ["+97339123456", "+97336001122"]
    assert lines[0]["text"] == "رقمك المرجعي 26-4815-1623-4"


@pytest.fixture
def gateway():
    received, status = [], {"code": 202}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Authorization"], json.loads(body)))
            self.send_response(status["code"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/messages", received, status
    server.shutdown()


def test_the_gateway_backend_posts_json_with_the_token(settings, gateway):
    url, received, _status = gateway
    settings.SMS_BACKEND = "complaints.notifications.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_TOKEN = url, "secret-token"
    sms.send_sms(to="+97339123456", text="مرحبا")
    assert received == [("Bearer secret-token", {"to": "+97339123456", "from": "MOH", "text": "مرحبا"})]


def test_a_gateway_error_raises_so_the_message_is_tried_again(settings, gateway):
    url, _received, status = gateway
    status["code"] = 503
    settings.SMS_BACKEND = "complaints.notifications.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = url
    with pytest.raises(OSError):
        sms.send_sms(to="+97339123456", text="x")
