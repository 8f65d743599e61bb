"""Tawasul cases on which the two systems disagree: our status (in Tawasul's words) against the
status Tawasul shows, read from its API through the client or from a status export file; and
cases whose last update to Tawasul was given up, whatever Tawasul shows."""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from channels_intake.models import TawasulUpdate
from channels_intake.tawasul import client as tawasul_client
from channels_intake.tawasul import statuses as tawasul_statuses
from complaints.models import Complaint

DIFFERENT = _("Status differs")
UNKNOWN_TO_TAWASUL = _("Tawasul does not know the case")
NOT_DELIVERED = _("Last update not delivered")
NOT_READ = _("Tawasul's status could not be read")


@dataclass(frozen=True)
class Mismatch:
    complaint_id: int
    reference: str
    case_number: str
    our_status: str
    expected: str
    theirs: str | None
    problem: str
    detail: str = ""

    @property
    def our_status_label(self) -> str:
        return Complaint.Status(self.our_status).label


def read_export(content: bytes, *, filename: str) -> dict[str, str]:
    """Case number -> status from Tawasul's export: CSV with columns case_number and status, or
    JSON, a list of objects with those keys."""
    text = content.decode("utf-8-sig")
    if filename.lower().endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        rows = json.loads(text)
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ValueError("A JSON export is a list of objects with case_number and status.")
    try:
        return {str(row["case_number"]).strip(): str(row["status"]).strip() for row in rows}
    except (KeyError, TypeError) as error:
        raise ValueError(f"Every row needs case_number and status (missing {error}).") from None


def tawasul_cases(case_numbers=None):
    """Our Tawasul cases with the state of their last update to Tawasul; `case_numbers` narrows them."""
    last = TawasulUpdate.objects.filter(complaint_id=OuterRef("pk")).order_by("-pk")
    cases = (Complaint.objects.filter(channel=Complaint.Channel.TAWASUL).exclude(external_reference="")
             .annotate(last_failed_at=Subquery(last.values("failed_at")[:1]),
                       last_error=Subquery(last.values("last_error")[:1]))
             .only("reference", "external_reference", "status").order_by("-updated_at", "-pk"))
    return cases if case_numbers is None else cases.filter(external_reference__in=case_numbers)


def find(*, status_of: Callable[[str], str | None] | None, case_numbers=None, limit: int | None = None
         ) -> list[Mismatch]:
    """Compares each case with `status_of(case_number)` (None: Tawasul does not know it); without
    `status_of`, lists only the cases whose last update was not delivered."""
    cases = tawasul_cases(case_numbers)
    if status_of is None:
        cases = cases.filter(last_failed_at__isnull=False)
    found = []
    for complaint in cases[:limit] if limit else cases:
        expected = tawasul_statuses.tawasul_status(complaint.status)
        mismatch = dict(complaint_id=complaint.pk, reference=complaint.display_reference,
                        case_number=complaint.external_reference, our_status=complaint.status,
                        expected=expected, theirs=None)
        if complaint.last_failed_at is not None:
            found.append(Mismatch(**mismatch, problem=NOT_DELIVERED, detail=complaint.last_error))
            continue
        if status_of is None:
            continue
        try:
            theirs = status_of(complaint.external_reference)
        except tawasul_client.TawasulError as error:
            found.append(Mismatch(**mismatch, problem=NOT_READ, detail=str(error)))
            continue
        if theirs is None:
            found.append(Mismatch(**mismatch, problem=UNKNOWN_TO_TAWASUL))
            continue
        mismatch["theirs"] = tawasul_statuses.normalised(theirs)
        if mismatch["theirs"] != expected:
            found.append(Mismatch(**mismatch, problem=DIFFERENT))
    return found


def find_in_export(export: dict[str, str]) -> list[Mismatch]:
    """Against an export, which may hold only some cases: the cases it lists, and the undelivered."""
    undelivered = [m for m in find(status_of=None) if m.case_number not in export]
    return find(status_of=export.get, case_numbers=list(export)) + undelivered


def find_through_client(*, limit: int | None = None) -> list[Mismatch]:
    client = tawasul_client.backend()
    return find(status_of=client.fetch_status, limit=limit)
