"""Sending SMS through a pluggable backend, chosen by the SMS_BACKEND setting.

No Django SMS library is standard, and the ministry's gateway is not chosen yet, so
this is the small interface a gateway class implements: `send(to, text)`.
"""

import json
import logging
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sms:
    to: str
    text: str
    sender: str


class ConsoleBackend:
    """Writes each message to the log, the number masked (logs are kept and read more widely
    than the records): for development."""

    def send(self, message: Sms) -> None:
        log.info("SMS to %s from %s: %s", masked_number(message.to), message.sender, message.text)


def masked_number(number: str) -> str:
    return "…" + number[-4:]


class FileBackend:
    """Appends each message as a JSON line to SMS_FILE_PATH: for staging, where nothing may go out."""

    def send(self, message: Sms) -> None:
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(asdict(message), ensure_ascii=False) + "\n")


class HttpGatewayBackend:
    """Posts each message as JSON to the gateway at SMS_GATEWAY_URL with a bearer token.

    The body is {"to": "+973…", "from": sender, "text": …}; any answer other than 2xx raises,
    so the notification stays unsent and is tried again.
    """

    def send(self, message: Sms) -> None:
        body = json.dumps({"to": message.to, "from": message.sender, "text": message.text}).encode()
        request = urllib.request.Request(
            settings.SMS_GATEWAY_URL, data=body, method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}"},
        )
        with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT_SECONDS) as response:
            if not 200 <= response.status < 300:
                raise OSError(f"SMS gateway answered {response.status}")


class MemoryBackend:
    """Keeps messages in `outbox`: for tests."""

    outbox: list[Sms] = []

    def send(self, message: Sms) -> None:
        MemoryBackend.outbox.append(message)


def send_sms(*, to: str, text: str) -> None:
    backend = import_string(settings.SMS_BACKEND)()
    backend.send(Sms(to=to, text=text, sender=settings.SMS_SENDER_ID))
