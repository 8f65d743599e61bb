"""Loaded into a drill's Celery worker (with `--include`, or named in SMS_BACKEND): work made slow,
or held at a chosen point, so that a drill can kill the worker in the middle of it.

Routing: DRILL_ROUTING_DELAY is the seconds each routing decision takes. With DRILL_ROUTING_HOLD_AT=n
the worker's n-th decision (decisions.decide runs inside the transaction that routes a batch) writes
the file DRILL_HELD and waits there for ever: a kill then finds a batch half decided.

SMS (SMS_BACKEND=tests.support.drill_backends.RecordingSlowSms): each message is appended as a
JSON line to DRILL_SMS_LOG (the gateway's record of what really left), then the backend waits
DRILL_SMS_DELAY seconds before the worker records it sent. With DRILL_SMS_HOLD_AT=n, the n-th
message written by this process writes DRILL_HELD and waits for ever: it has left, and is not yet
recorded.
"""

import json
import os
import time
from pathlib import Path

from complaints.routing import decisions

_decide = decisions.decide
_decisions = 0
_messages = 0


def _hold_if(count: int, variable: str) -> None:
    if count == int(os.environ.get(variable, "0")):
        Path(os.environ["DRILL_HELD"]).write_text(str(os.getpid()))
        while True:
            time.sleep(1)


def _slow_decide(facts, *args):
    global _decisions
    _decisions += 1
    _hold_if(_decisions, "DRILL_ROUTING_HOLD_AT")
    time.sleep(float(os.environ.get("DRILL_ROUTING_DELAY", "0")))
    return _decide(facts, *args)


decisions.decide = _slow_decide


class RecordingSlowSms:
    def send(self, message) -> None:
        global _messages
        line = json.dumps({"to": message.to, "text": message.text, "pid": os.getpid()}, ensure_ascii=False)
        with open(os.environ["DRILL_SMS_LOG"], "a", encoding="utf-8") as file:
            file.write(line + "\n")
        _messages += 1
        _hold_if(_messages, "DRILL_SMS_HOLD_AT")
        time.sleep(float(os.environ.get("DRILL_SMS_DELAY", "0")))
