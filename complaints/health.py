"""What /healthz reports: can the portal reach its database and its broker?"""

from django.db import connection
from django.http import JsonResponse

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


def report() -> dict:
    return {"database": database_ok(), "broker": broker_ok()}


def as_response(report: dict) -> JsonResponse:
    # The database is what citizens need; a missing broker only delays routing.
    status = "ok" if all(report.values()) else ("degraded" if report["database"] else "down")
    return JsonResponse(
        {"status": status, **{name: "ok" if up else "unavailable" for name, up in report.items()}},
        status=200 if report["database"] else 503,
    )
