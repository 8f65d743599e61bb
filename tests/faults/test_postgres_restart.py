"""Drill 3: PostgreSQL restarted while citizens send complaints to a running web server.

A private cluster (never the machine's server) is stopped with `pg_ctl stop -m fast` (open sessions
are cut off), kept down for a few seconds and started again, while four clients keep going through
the citizen form on gunicorn with production settings. The web process is not restarted; it must
recover on its own. Every submission answered with a reference is stored; every failure is a clean
503 page; submissions succeed again once the database is back.
"""

import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
import requests

from tests.support.processes import PROJECT_DIR, PostgresCluster, WebServer

pytestmark = [pytest.mark.faults]

CLIENTS = 4
LOAD_BEFORE, DOWN_FOR, LOAD_AFTER = 4.0, 3.0, 6.0
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SENT = re.compile(r"/en/complaints/sent/([0-9-]+)/$")


@pytest.fixture
def cluster():
    server = PostgresCluster().create()
    yield server
    server.destroy()


def manage(database_url: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, capture_output=True, text=True,
                            env={**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"},
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


SEED = """
from complaints.models import Category, Department
unit = Department.objects.create(code=Department.COMPLAINTS_UNIT, name_ar="وحدة الشكاوى", name_en="Complaints unit")
maintenance = Department.objects.create(code="maintenance", name_ar="إدارة الصيانة", name_en="Maintenance")
print(Category.objects.create(code="maintenance-defects", name_ar="أعطال الصيانة", name_en="Maintenance defects",
                              default_department=maintenance).pk)
"""


class Citizen:
    """One client going through the form again and again, noting each outcome."""

    def __init__(self, number: int, base_url: str, category: str, outcomes: list, stop: threading.Event):
        self.number, self.base_url, self.category, self.outcomes, self.stop = number, base_url, category, outcomes, stop

    def run(self):
        sequence = 0
        while not self.stop.is_set():
            sequence += 1
            outcome = self.submit(f"{self.number}-{sequence}", sequence)
            self.outcomes.append({**outcome, "ended": time.monotonic()})

    def submit(self, tag: str, sequence: int) -> dict:
        session = requests.Session()
        started = time.monotonic()
        outcome = {"tag": tag, "at": started}
        try:
            form = session.get(f"{self.base_url}/en/complaints/new/", timeout=30)
            if form.status_code != 200:
                return {**outcome, "step": "form", "status": form.status_code, "body": form.text}
            filled = session.post(f"{self.base_url}/en/complaints/new/", timeout=30, allow_redirects=False, data={
                "csrfmiddlewaretoken": CSRF.search(form.text).group(1), "kind": "complaint",
                "category": self.category, "subject": f"Water leak {tag}", "body": "Water leaks from the ceiling.",
                "name": "Fatima Ali", "cpr": f"{800000000 + self.number * 100000 + sequence}", "mobile": "3912 3456",
                "email": "", "preferred_language": "en", "housing_application_number": "", "website": ""})
            if filled.status_code != 302:
                return {**outcome, "step": "details", "status": filled.status_code, "body": filled.text}
            sent = session.post(f"{self.base_url}/en/complaints/new/check/", timeout=30, allow_redirects=False,
                                data={"csrfmiddlewaretoken": CSRF.search(form.text).group(1)})
            if sent.status_code != 302:
                return {**outcome, "step": "send", "status": sent.status_code, "body": sent.text}
            return {**outcome, "step": "send", "status": 302,
                    "reference": SENT.search(sent.headers["Location"]).group(1),
                    "seconds": time.monotonic() - started}
        except requests.RequestException as error:
            return {**outcome, "step": "connection", "status": None, "body": repr(error)}


def test_the_web_process_rides_out_a_postgresql_restart_and_loses_no_accepted_complaint(
        cluster, redis_server, tmp_path, figure):
    cluster.sql("CREATE DATABASE drill")
    database_url = cluster.url("drill")
    manage(database_url, "migrate", "--noinput", "-v0")
    category = manage(database_url, "shell", "-c", SEED).strip().splitlines()[-1]
    web = WebServer(tmp_path=tmp_path, env={"DATABASE_URL": database_url, "CELERY_BROKER_URL": redis_server.url,
                                            "CACHE_URL": "dummycache://"}).start()  # no throttling: one address
    outcomes, stop = [], threading.Event()
    citizens = [threading.Thread(target=Citizen(number, web.url, category, outcomes, stop).run)
                for number in range(CLIENTS)]
    try:
        for citizen in citizens:
            citizen.start()
        time.sleep(LOAD_BEFORE)
        down_at = time.monotonic()
        cluster.stop(mode="fast")
        time.sleep(DOWN_FOR)
        cluster.start()
        up_at = time.monotonic()
        time.sleep(LOAD_AFTER)
    finally:
        stop.set()
        for citizen in citizens:
            citizen.join(timeout=60)
        web_log = web.output()
        gunicorn_alive = web.process.poll() is None
        web.stop()

    accepted = {outcome["reference"] for outcome in outcomes if outcome["status"] == 302}
    refused = [outcome for outcome in outcomes if outcome["status"] != 302]
    stored = {row[0] for row in cluster.sql("SELECT reference FROM complaints_complaint", database="drill")}
    # Nothing accepted is lost.
    assert accepted and accepted <= stored, f"lost: {sorted(accepted - stored)}"
    # Each failure is the clean page, during the outage (or the moment PostgreSQL cut a session off).
    assert refused, "the restart was not felt: no request failed"
    for outcome in refused:
        assert outcome["status"] == 503, (outcome["step"], outcome["status"], outcome["body"][:2000])
        assert "The portal is briefly unavailable" in outcome["body"] and "Traceback" not in outcome["body"]
        assert down_at <= outcome["ended"] <= up_at + 2, (outcome["step"], outcome["at"], down_at, up_at)
    # The web process recovered by itself: no worker was restarted, and submissions succeed again.
    assert gunicorn_alive and web_log.count("Booting worker") == 2
    after = [outcome for outcome in outcomes if outcome["at"] > up_at + 2]
    assert after and all(outcome["status"] == 302 for outcome in after)
    first_success_after = min(outcome["at"] + outcome["seconds"] for outcome in outcomes
                              if outcome["status"] == 302 and outcome["at"] + outcome["seconds"] > up_at)
    steps = Counter(outcome["step"] for outcome in refused)
    figure(f"{len(outcomes)} submissions by {CLIENTS} clients, PostgreSQL down {up_at - down_at:.1f} s: "
           f"{len(accepted)} accepted = {len(accepted & stored)} found stored ({len(stored)} rows; "
           f"{len(stored - accepted)} stored without the client seeing the answer), {len(refused)} clean 503s "
           f"({dict(steps)}), 0 other errors; first success {first_success_after - up_at:.1f} s after the "
           f"restart, {len(after)} after it all succeeded, no web worker restarted")
