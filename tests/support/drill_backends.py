"""Loaded into a drill's Celery worker (with `--include`, or named in SMS_BACKEND): work made slow
enough that a drill can kill the worker in the middle of it.

DRILL_ROUTING_DELAY: seconds each routing decision takes (routing.decide runs inside the
transaction that routes a batch, so a kill then rolls the whole batch back).
`RecordingSlowSms` (SMS_BACKEND=tests.support.drill_backends.RecordingSlowSms): waits
DRILL_SMS_DELAY seconds, then appends the message as a JSON line to DRILL_SMS_LOG: the record of
what really left, even when the worker dies before marking the notification sent.
"""

import json
import os
import time

from complaints import routing

_decide = routing.decide


def _slow_decide(facts, rules=()):
    time.sleep(float(os.environ.get("DRILL_ROUTING_DELAY", "0")))
    return _decide(facts, rules)


routing.decide = _slow_decide


class RecordingSlowSms:
    def send(self, message) -> None:
        time.sleep(float(os.environ.get("DRILL_SMS_DELAY", "0")))
        line = json.dumps({"to": message.to, "text": message.text, "pid": os.getpid()}, ensure_ascii=False)
        with open(os.environ["DRILL_SMS_LOG"], "a", encoding="utf-8") as file:
            file.write(line + "\n")
