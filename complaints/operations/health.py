"""What /healthz reports: can the portal reach its database and its broker, is a worker alive, and
how many complaints wait to be routed and since when. Cheap queries only: SELECT 1, the freshest
heartbeat (indexed), the waiting complaints (the small partial index on status `new`), and those
whose routing was set aside."""

from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Min
from django.http import JsonResponse
from django.utils import timezone

from complaints.models import Complaint
from complaints.operations import heartbeat
from complaints.routing import set_aside
from housing_portal.celery import app as celery_app


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def waiting_to_be_routed(*, now) -> dict:
    """How many complaints wait for a department, and the oldest one's wait in seconds."""
    waiting = Complaint.objects.filter(status=Complaint.Status.NEW).aggregate(
        count=Count("id"), oldest=Min("received_at"))
    oldest = waiting["oldest"]
    return {"waiting_to_be_routed": waiting["count"],
            "oldest_waiting_seconds": None if oldest is None else max(0, round((now - oldest).total_seconds()))}


def report(*, now=None) -> dict:
    """`checks`: each dependency up or not; `figures`: numbers for the operator (None when the
    database, where they are read, is away)."""
    now = now or timezone.now()
    if database_ok():
        try:
            with transaction.atomic():  # a failed read leaves the connection usable
                return _report_with_database(now)
        except DatabaseError:
            pass  # reachable but not usable (say, not migrated): reported as down, never a 500
    return {"checks": {"database": False, "broker": broker_ok(), "worker": False},
            "figures": {"worker_last_seen_seconds": None, "waiting_to_be_routed": None,
                        "oldest_waiting_seconds": None, "routing_set_aside": None}}


def _report_with_database(now) -> dict:
    seen = heartbeat.last_heard_from(now=now)
    return {"checks": {"database": True, "broker": broker_ok(), "worker": heartbeat.is_alive(seen)},
            "figures": {"worker_last_seen_seconds": None if seen is None else round(seen),
                        **waiting_to_be_routed(now=now),
                        # Complaints whose routing failed, waiting for staff (the "Routing set aside" list).
                        "routing_set_aside": set_aside.count_waiting()}}


def as_response(report: dict) -> JsonResponse:
    # The database is what citizens need; a missing broker or worker only delays routing.
    checks = report["checks"]
    status = "ok" if all(checks.values()) else ("degraded" if checks["database"] else "down")
    return JsonResponse(
        {"status": status, **{name: "ok" if up else "unavailable" for name, up in checks.items()},
         **report["figures"]},
        status=200 if checks["database"] else 503,
    )
