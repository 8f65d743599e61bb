"""The way back to Tawasul: a small interface, chosen by the TAWASUL_BACKEND setting, that pushes
a status change or a reply for a case and reads a case's current status.

The bridge is on only when TAWASUL_API_URL is set (`is_enabled`); otherwise nothing is queued.
The HTTP API assumed here (to be confirmed against Tawasul's specification), all JSON with a
bearer token, each push carrying an `Idempotency-Key` so that a retry is not applied twice:

    POST {TAWASUL_API_URL}/cases/{case}/status   {"case_number", "status", "changed_at"}
    POST {TAWASUL_API_URL}/cases/{case}/replies  {"case_number", "text", "language", "replied_at"}
    GET  {TAWASUL_API_URL}/cases/{case}          -> {"case_number", "status", ...}; 404: unknown case
"""

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class StatusChange:
    case_number: str
    status: str
    changed_at: datetime
    key: str


@dataclass(frozen=True)
class ReplySent:
    case_number: str
    text: str
    language: str
    replied_at: datetime
    key: str


class TawasulError(Exception):
    """Tawasul did not take the call; `retryable` is False when trying again cannot help
    (Tawasul refused the request itself), so the update goes straight to the dead letters."""

    def __init__(self, message: str, *, retryable: bool = True, status: int | None = None):
        super().__init__(message)
        self.retryable = retryable
        self.status = status


def is_enabled() -> bool:
    return bool(settings.TAWASUL_API_URL)


def backend():
    return import_string(settings.TAWASUL_BACKEND)()


class HttpBackend:
    def push_status(self, change: StatusChange) -> None:
        self._call("POST", f"cases/{_quoted(change.case_number)}/status", key=change.key, body={
            "case_number": change.case_number, "status": change.status,
            "changed_at": change.changed_at.isoformat()})

    def push_reply(self, reply: ReplySent) -> None:
        self._call("POST", f"cases/{_quoted(reply.case_number)}/replies", key=reply.key, body={
            "case_number": reply.case_number, "text": reply.text, "language": reply.language,
            "replied_at": reply.replied_at.isoformat()})

    def fetch_status(self, case_number: str) -> str | None:
        try:
            answer = self._call("GET", f"cases/{_quoted(case_number)}")
        except TawasulError as error:
            if error.status == 404:
                return None
            raise
        try:
            return str(json.loads(answer)["status"])
        except (ValueError, KeyError, TypeError) as error:
            raise TawasulError(f"Tawasul answered without a status for {case_number}") from error

    def _call(self, method: str, path: str, *, body: dict | None = None, key: str = "") -> bytes:
        headers = {"Accept": "application/json", "Authorization": f"Bearer {settings.TAWASUL_API_TOKEN}"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        if key:
            headers["Idempotency-Key"] = key
        url = settings.TAWASUL_API_URL.rstrip("/") + "/" + path
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=settings.TAWASUL_TIMEOUT_SECONDS) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            # 408 and 429 are Tawasul asking to be called later; any other 4xx will not change.
            raise TawasulError(f"Tawasul answered {error.code} to {method} {path}", status=error.code,
                               retryable=error.code >= 500 or error.code in (408, 429)) from error
        except (urllib.error.URLError, http.client.HTTPException, TimeoutError, ConnectionError) as error:
            raise TawasulError(f"Tawasul unreachable ({method} {path}): {error}") from error


class MemoryBackend:
    """Keeps the calls in `sent` and answers `fetch_status` from `statuses`; `failures` holds
    errors the next calls raise, one each: for tests."""

    sent: list = []
    statuses: dict[str, str] = {}
    failures: list[TawasulError] = []

    def push_status(self, change: StatusChange) -> None:
        self._fail_if_asked()
        MemoryBackend.sent.append(change)

    def push_reply(self, reply: ReplySent) -> None:
        self._fail_if_asked()
        MemoryBackend.sent.append(reply)

    def fetch_status(self, case_number: str) -> str | None:
        self._fail_if_asked()
        return MemoryBackend.statuses.get(case_number)

    def _fail_if_asked(self):
        if MemoryBackend.failures:
            raise MemoryBackend.failures.pop(0)

    @classmethod
    def reset(cls) -> None:
        cls.sent.clear()
        cls.statuses.clear()
        cls.failures.clear()


def _quoted(case_number: str) -> str:
    return urllib.parse.quote(case_number, safe="")
