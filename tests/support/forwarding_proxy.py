"""A small reverse proxy on loopback for tests, doing what nginx does with
`proxy_set_header Host $http_host;` and `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`:
each request is forwarded to the upstream server from 127.0.0.1, its Host kept, and the address
the request came from appended to X-Forwarded-For (after whatever the client sent in it)."""

import http.client
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Hop-by-hop headers (RFC 9110 7.6.1) are not forwarded; the proxy speaks HTTP/1.0 to both sides.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}


class _Forwarding(BaseHTTPRequestHandler):
    upstream: tuple[str, int]
    source_address: str

    def do_GET(self):
        self._forward()

    do_POST = do_HEAD = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = [(name, value) for name, value in self.headers.items()
                   if name.lower() not in HOP_BY_HOP and name.lower() != "x-forwarded-for"]
        sent_by_client = ", ".join(self.headers.get_all("X-Forwarded-For") or [])
        headers.append(("X-Forwarded-For", f"{sent_by_client}, {self.client_address[0]}" if sent_by_client
                        else self.client_address[0]))
        connection = http.client.HTTPConnection(*self.upstream, timeout=60, source_address=(self.source_address, 0))
        try:
            connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                connection.putheader(name, value)
            connection.endheaders(body)
            answer = connection.getresponse()
            content = answer.read()
        finally:
            connection.close()
        self.send_response_only(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    def log_message(self, format, *args):  # quiet: the test reports what matters
        pass


@contextmanager
def forwarding_proxy(upstream_url: str, *, source_address: str = "127.0.0.1"):
    """A proxy in front of `upstream_url` for the block's duration; yields its own URL."""
    parts = urlsplit(upstream_url)
    handler = type("Forwarding", (_Forwarding,), {"upstream": (parts.hostname, parts.port or 80),
                                                   "source_address": source_address})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="forwarding-proxy", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
