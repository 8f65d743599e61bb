"""How the webhook tests deliver a body the way a channel does: signed with HMAC-SHA256 over
"<timestamp>.<body>" (channels_intake.signatures), now or at a given time."""

import time

from channels_intake.signatures import sign


def deliver_signed(client, url: str, body: bytes, *, secret: str, timestamp=None, headers=None):
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    return client.post(url, data=body, content_type="application/json",
                       headers={"X-Signature-Timestamp": timestamp, "X-Signature": sign(secret, timestamp, body),
                                **(headers or {})})
