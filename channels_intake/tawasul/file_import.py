"""Tawasul cases delivered as a file (JSON: a list of cases; CSV: one case a row), each through
the same path as the webhook, so a file imported twice, or a case also sent by webhook, makes
one complaint."""

from dataclasses import dataclass, field

from django.utils import timezone

from channels_intake import inbound, records
from channels_intake.tawasul import inbound_cases
from complaints.models import Complaint

CSV_CITIZEN_COLUMNS = {"citizen_name": "name", "citizen_cpr": "cpr", "citizen_mobile": "mobile",
                       "citizen_email": "email"}


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    rejected: dict = field(default_factory=dict)


def read_cases(content: bytes, *, filename: str) -> list[dict]:
    found = records.read_records(content, filename=filename)
    if filename.lower().endswith(".csv"):
        return [_case_from_row(record.fields) for record in found]
    return [record.fields for record in found]


def _case_from_row(row: dict) -> dict:
    case = {key: value for key, value in row.items() if key not in CSV_CITIZEN_COLUMNS}
    citizen = {name: row.get(column, "") for column, name in CSV_CITIZEN_COLUMNS.items()}
    if any(citizen.values()):
        case["citizen"] = citizen
    return case


def import_cases(cases: list[dict]) -> ImportReport:
    report = ImportReport()
    for case in cases:
        number = inbound_cases.case_number(case) or "(no case number)"
        # Refused before anything is stored, as the webhook refuses it.
        if errors := inbound_cases.door_errors(case, now=timezone.now()):
            report.rejected[number] = errors
            continue
        try:
            item, created = inbound.accept(channel=Complaint.Channel.TAWASUL, external_id=inbound_cases.case_number(case),
                                           payload=case, translate=inbound_cases.translate)
        except inbound.Kept as kept:  # refused or failed: either way kept as a dead letter for staff
            report.rejected[number] = kept.errors
            continue
        (report.created if created else report.duplicates).append((number, item.complaint.display_reference))
    return report
