"""Sending SMS through a pluggable backend, chosen by the SMS_BACKEND setting.

No Django SMS library is standard, and the ministry's gateway is not chosen yet, so
this is the small interface a gateway class implements: `send(to, text)`.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sms:
    to: str
    text: str
    sender: str


class ConsoleBackend:
    """Writes each message to the log: for development."""

    def send(self, message: Sms) -> None:
        log.info("SMS to %s from %s: %s", message.to, message.sender, message.text)


class MemoryBackend:
    """Keeps messages in `outbox`: for tests."""

    outbox: list[Sms] = []

    def send(self, message: Sms) -> None:
        MemoryBackend.outbox.append(message)


def send_sms(*, to: str, text: str) -> None:
    backend = import_string(settings.SMS_BACKEND)()
    backend.send(Sms(to=to, text=text, sender=settings.SMS_SENDER_ID))
