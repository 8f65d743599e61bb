"""A real Celery worker on the embedded broker (SQLite through kombu's SQLAlchemy transport), as
`make run` starts one: it routes a complaint sent through the broker, and its heartbeat is in the
database while it runs and gone once it stops."""

import pytest

from complaints import intake
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, WorkerHeartbeat
from housing_portal import embedded_broker
from tests.support.processes import CeleryWorker, broker, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


def test_a_worker_on_the_sqlite_broker_routes_a_complaint_and_keeps_a_heartbeat(
        ministry, maintenance_category, tmp_path):
    url = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    with broker(url):
        embedded_broker.declare_queues()  # as make run does before its processes start (see there why)
    # With beat inside, as make run starts it: beat's reconcile routes new complaints (every second here).
    worker = CeleryWorker(broker_url=url, tmp_path=tmp_path, beat=True,
                          extra_env={"ROUTING_RECONCILE_SECONDS": "1"}).start()
    hostname = worker.command[worker.command.index("--hostname") + 1]
    try:
        wait_until(lambda: WorkerHeartbeat.objects.filter(hostname=hostname).exists(), timeout=60,
                   what="the worker's first heartbeat")
        with broker(url):
            complaint = intake.receive(IntakeRequest(
                channel=Complaint.Channel.WEB, subject="تسرب مياه في السقف", body="يتسرب الماء من السقف.",
                category=maintenance_category,
                citizen=CitizenDetails(name="فاطمة علي", cpr="850412345", mobile="39123456"))).complaint
        wait_until(lambda: Complaint.objects.filter(pk=complaint.pk, status=Complaint.Status.ROUTED).exists(),
                   timeout=60, what="the worker to route the complaint")
    finally:
        worker.stop()

    assert Complaint.objects.get(pk=complaint.pk).department == ministry["maintenance"]
    assert "reconcile_unrouted" in worker.output()
    assert "sqla+sqlite" in worker.output()
    assert not WorkerHeartbeat.objects.filter(hostname=hostname).exists()  # a clean stop says so at once
