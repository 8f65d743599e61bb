"""A fake HTTP service for the drills: a threaded server in the test process that answers each
request as `mode` says ("ok": 200 with `{}`, "error": 500, "hang": waits `hang_seconds` first,
longer than the client's timeout) and keeps every request it was sent."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeService:
    def __init__(self):
        self.mode = "ok"
        self.hang_seconds = 5.0
        self.requests: list[dict] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.answer(b"")

            def do_POST(self):
                self.answer(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def answer(self, body):
                service.requests.append({"path": self.path, "headers": dict(self.headers), "at": time.monotonic(),
                                         "body": json.loads(body) if body else None, "mode": service.mode})
                if service.mode == "hang":
                    time.sleep(service.hang_seconds)
                code = 500 if service.mode == "error" else 200
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b"{}" if code == 200 else b'{"error": "internal"}')
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
