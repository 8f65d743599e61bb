"""Loaded into a test worker with `--include`: holds routing open so a test can kill it mid-way.

While the file named by SLOW_ROUTING_GATE exists, the routing decision (taken inside the
transaction that routes the complaint) writes the worker process's pid to the file named by
SLOW_ROUTING_STARTED and waits for the gate to be removed.
"""

import os
import time
from pathlib import Path

from complaints.routing import decisions

_decide = decisions.decide


def _held_decide(facts, *args):
    gate = Path(os.environ["SLOW_ROUTING_GATE"])
    if gate.exists():
        Path(os.environ["SLOW_ROUTING_STARTED"]).write_text(str(os.getpid()))
        while gate.exists():
            time.sleep(0.1)
    return _decide(facts, *args)


decisions.decide = _held_decide
