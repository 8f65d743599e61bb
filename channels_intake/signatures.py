"""Signed webhooks: HMAC-SHA256 over "<timestamp>.<body>", hex-encoded, with a 5-minute tolerance.

Pure functions: the time is passed in. A replayed delivery is recognised by the channel's own
id (InboundItem is unique on it), not here.
"""

import hashlib
import hmac

TOLERANCE_SECONDS = 300


class BadSignature(Exception):
    """The request is not from the channel, or is too old to trust."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify(*, secret: str, timestamp: str | None, body: bytes, signature: str | None, now: float) -> None:
    if not secret:
        raise BadSignature("No secret is configured for this channel.")
    if not timestamp or not signature:
        raise BadSignature("Missing signature or timestamp.")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise BadSignature("The timestamp is not a number of seconds.") from None
    if abs(now - sent_at) > TOLERANCE_SECONDS:
        raise BadSignature("The timestamp is more than 5 minutes away from now.")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.removeprefix("sha256=")):
        raise BadSignature("The signature does not match.")
