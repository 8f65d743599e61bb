"""`manage.py evaluate_routing FILE.jsonl`: how the portal routes a set of labelled complaints.

Each line is a JSON object with `id`, `channel`, `kind`, `subject`, `body`, `language` and
`department` (a department code; one the catalogue lacks counts as a miss). Every case is stored
through the intake service and routed by the routing engine, exactly as production does, in a
throwaway database (a test database, created and dropped by this command) holding the catalogue,
the policy rules, the thresholds and the routing model of the real database (or, where it has
none, the model shipped with the code). One JSON line is printed per case, then the totals.
"""

import json
import os
import secrets
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.test.utils import setup_databases, teardown_databases

from complaints import intake
from complaints.models import Category, Complaint, Department, RouterVersion, RoutingRule
from complaints.plumbing import process_cache
from complaints.routing import catalogue, engine, rules

SUBJECT_MAX = 200


class Command(BaseCommand):
    help = "Routes labelled complaints (JSON lines) through intake and routing in a throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON lines: id, channel, kind, subject, body, language, department")

    def handle(self, *args, **options):
        cases = read_cases(options["file"])
        production = read_production_settings()
        own_test_database()
        old_config = setup_databases(verbosity=0, interactive=False)
        try:
            results = route_in_throwaway_database(cases, production)
        finally:
            teardown_databases(old_config, verbosity=0)
            process_cache.forget()
        for result in results:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        self.stdout.write(summary(cases, results))


def own_test_database() -> None:
    """A throwaway database of this run's own: never the test suite's, nor another evaluation's."""
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = ""  # in memory
    else:
        test["NAME"] = f"evaluate_routing_{os.getpid()}_{secrets.token_hex(3)}"


def read_cases(path: str) -> list[dict]:
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    with stream:
        cases = []
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as error:
                raise CommandError(f"Line {number} is not JSON: {error.msg}") from error
            missing = {"id", "body", "department"} - set(case)
            if missing:
                raise CommandError(f"Line {number} lacks {', '.join(sorted(missing))}.")
            cases.append(case)
    return cases


def read_production_settings() -> dict:
    """The current model, the thresholds and the active policy rules of the real database, if it has them."""
    try:
        with transaction.atomic():
            version = RouterVersion.objects.filter(is_current=True).first()
            return {
                "version": version,
                "thresholds": dict(Department.objects.values_list("code", "routing_threshold")),
                "rules": list(RoutingRule.objects.filter(is_active=True).prefetch_related("categories")
                              .select_related("department")),
            }
    except DatabaseError:  # not migrated, or no database: the shipped model and the catalogue's defaults
        return {"version": None, "thresholds": {}, "rules": []}


def route_in_throwaway_database(cases: list[dict], production: dict) -> list[dict]:
    process_cache.forget()
    catalogue.load()
    for code, threshold in production["thresholds"].items():
        Department.objects.filter(code=code).update(routing_threshold=threshold)
    copy_rules(production["rules"])
    if production["version"] is not None:
        version = production["version"]
        version.pk = None
        version.save(force_insert=True)
    rules.forget()
    categories = {}
    results = []
    for number, case in enumerate(cases):
        complaint = intake.receive(intake_request(case, number, categories)).complaint
        engine.route_complaints([complaint.pk])
        results.append(result_of(case, Complaint.objects.select_related("department").get(pk=complaint.pk)))
    return results


def copy_rules(rows: list[RoutingRule]) -> None:
    departments = {department.code: department for department in Department.objects.all()}
    for row in rows:
        if row.department.code not in departments:
            continue
        category_codes = [category.code for category in row.categories.all()]
        row.pk, row.department = None, departments[row.department.code]
        row.save(force_insert=True)
        row.categories.set(Category.objects.filter(code__in=category_codes))


def intake_request(case: dict, number: int, categories: dict) -> intake.IntakeRequest:
    channel = case.get("channel") if case.get("channel") in Complaint.Channel.values else Complaint.Channel.WEB
    kind = case.get("kind") if case.get("kind") in Complaint.Kind.values else Complaint.Kind.COMPLAINT
    language = "en" if case.get("language") == "en" else "ar"
    body = str(case.get("body") or "").strip() or "—"
    subject = str(case.get("subject") or "").strip() or " ".join(body.split()[:8])
    return intake.IntakeRequest(channel=channel, kind=kind, language=language, subject=subject[:SUBJECT_MAX],
                                body=body, external_reference=f"evaluation-{number}")


def result_of(case: dict, complaint: Complaint) -> dict:
    event = complaint.events.filter(kind="routed").order_by("-created_at").first()
    data = (event.data or {}) if event else {}
    department = complaint.department.code if complaint.department else catalogue.COMPLAINTS_UNIT
    return {"id": case["id"], "department": department, "confidence": data.get("confidence"),
            "decided_by": data.get("decided_by", ""), "right": department == case["department"]}


def summary(cases: list[dict], results: list[dict]) -> str:
    def share(language=None):
        chosen = [r for c, r in zip(cases, results) if language is None or c.get("language") == language]
        right = sum(r["right"] for r in chosen)
        percent = f"{100 * right / len(chosen):.1f}%" if chosen else "—"
        return percent, right, len(chosen)

    overall, right, total = share()
    return (f"routing accuracy: overall {overall} ({right}/{total}), ar {share('ar')[0]}, en {share('en')[0]}")
