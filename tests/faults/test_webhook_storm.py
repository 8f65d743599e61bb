"""Drill 4: a storm of signed Tawasul webhooks, one delivery in ten a duplicate, sent 8 at a time
to a live server: as many complaints as unique deliveries, and each duplicate answered as one."""

import json
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from channels_intake.models import InboundItem
from complaints.models import Complaint, ComplaintEvent
from tests.channels_intake.signed_delivery import deliver_signed
from tests.support.processes import broker

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

UNIQUE_CASES = 300
DUPLICATES = UNIQUE_CASES // 10
CONCURRENCY = 8
SECRET = "drill-tawasul-secret"
TEMPLATE = json.loads((Path(__file__).parents[1] / "channels_intake/payloads/tawasul/case_arabic_maintenance.json")
                      .read_text())


class HttpClient:
    """The test client's `post`, over real HTTP, for `deliver_signed`."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def post(self, url, *, data, content_type, headers):
        return self.session.post(self.base_url + url, data=data, timeout=60,
                                 headers={"Content-Type": content_type, **headers})


def case(number: int) -> bytes:
    payload = {**TEMPLATE, "case_number": f"TW-DRILL-{number:06d}",
               "citizen": {**TEMPLATE["citizen"], "cpr": f"{880000000 + number}"}}
    return json.dumps(payload, ensure_ascii=False).encode()


def deliveries() -> list[bytes]:
    """Every case once, in a random order; a tenth of them again, right behind the first delivery
    (so that both are in flight at once) or later."""
    rng = random.Random(9)
    numbers = list(range(UNIQUE_CASES))
    rng.shuffle(numbers)
    repeated = set(rng.sample(numbers, DUPLICATES))
    order = []
    for number in numbers:
        order.append(number)
        if number in repeated and rng.random() < 0.5:
            order.append(number)
            repeated.discard(number)
    for number in repeated:
        order.insert(rng.randrange(order.index(number) + 1, len(order) + 1), number)
    return [case(number) for number in order]


def test_a_storm_with_duplicate_deliveries_makes_one_complaint_per_case(
        live_server, ministry, redis_server, settings, figure):
    settings.TAWASUL_WEBHOOK_SECRET = SECRET
    bodies = deliveries()
    assert len(bodies) == UNIQUE_CASES + DUPLICATES

    def deliver(body):
        client = HttpClient(live_server.url)
        started = time.monotonic()
        response = deliver_signed(client, "/api/v1/intake/tawasul/", body, secret=SECRET)
        return response.status_code, response.json(), time.monotonic() - started

    with broker(redis_server.url):
        started = time.monotonic()
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            answers = list(pool.map(deliver, bodies))
        elapsed = time.monotonic() - started

    statuses = [status for status, _body, _seconds in answers]
    assert set(statuses) <= {200, 201}, [answer for answer in answers if answer[0] not in (200, 201)][:3]
    assert statuses.count(201) == UNIQUE_CASES and statuses.count(200) == DUPLICATES
    assert sum(body["duplicate"] for _status, body, _seconds in answers) == DUPLICATES
    references = {}
    for _status, body, _seconds in answers:
        references.setdefault(body["case_number"], set()).add(body["reference"])
    assert all(len(refs) == 1 for refs in references.values())  # a duplicate names the first complaint

    tawasul = Complaint.objects.filter(channel=Complaint.Channel.TAWASUL)
    assert tawasul.count() == UNIQUE_CASES == len(references)
    assert tawasul.values("external_reference").distinct().count() == UNIQUE_CASES
    assert InboundItem.objects.filter(state=InboundItem.State.PROCESSED).count() == UNIQUE_CASES
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.SUBMITTED).count() == UNIQUE_CASES
    seconds = sorted(seconds for _status, _body, seconds in answers)
    figure(f"{len(bodies)} deliveries ({DUPLICATES} duplicates) at concurrency {CONCURRENCY} in {elapsed:.1f} s "
           f"({len(bodies) / elapsed:.0f}/s, p95 {seconds[int(len(seconds) * 0.95)] * 1000:.0f} ms): "
           f"{tawasul.count()} complaints, {statuses.count(200)} answered as duplicates")
