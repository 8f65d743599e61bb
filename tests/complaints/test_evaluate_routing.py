"""`manage.py evaluate_routing FILE.jsonl` routes each case through intake and the routing engine in a
throwaway database, and gives the same departments as the intake path does here."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from complaints import intake
from complaints.models import Complaint
from complaints.routing import catalogue, engine

CASES = [
    {"id": "a1", "channel": "web", "kind": "complaint", "subject": "تسرب", "language": "ar",
     "body": "الماي يقطر من سقف الصالة كل ما نشغل المكيف فوق، والجدار صار فيه عفن", "department": "maintenance"},
    {"id": "a2", "channel": "call_centre", "kind": "inquiry", "subject": "", "language": "ar",
     "body": "المتصلة تستفسر عن موعد صرف علاوة السكن المتأخرة منذ ثلاثة أشهر", "department": "rent-allowance"},
    {"id": "e1", "channel": "social_media", "kind": "complaint", "subject": "", "language": "en",
     "body": "@MOH_Bahrain waited 2 hours at the service centre and nobody called my number. terrible",
     "department": "customer-service"},
    {"id": "e2", "channel": "web", "kind": "complaint", "subject": "Deed", "language": "en",
     "body": "I finished paying for my house last year and still have no title deed in my name",
     "department": "property-ownership"},
    {"id": "t1", "channel": "taht_amrak", "kind": "complaint", "subject": "رسالة", "language": "ar",
     "body": "أرجو من معالي الوزير النظر في حالتي فأنا أنتظر منذ ١٥ سنة", "department": "ministers-office"},
    {"id": "x1", "channel": "web", "kind": "complaint", "subject": "Roads", "language": "en",
     "body": "The new town still has no street lights and the contractor left the road unfinished",
     "department": "no-such-department"},
]


def run_command(path: Path) -> list[str]:
    env = {**os.environ, "DEBUG": "true"}
    completed = subprocess.run([sys.executable, "manage.py", "evaluate_routing", str(path)], env=env,
                               capture_output=True, text=True, timeout=600, cwd=Path(__file__).parents[2])
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout.strip().splitlines()


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    path = tmp_path_factory.mktemp("evaluation") / "cases.jsonl"
    path.write_text("\n".join(json.dumps(case, ensure_ascii=False) for case in CASES), encoding="utf-8")
    return run_command(path)


def test_one_line_per_case_then_the_totals(evaluated):
    *lines, last = evaluated
    results = [json.loads(line) for line in lines]
    assert [r["id"] for r in results] == [c["id"] for c in CASES]
    for result in results:
        assert set(result) == {"id", "department", "confidence", "decided_by", "right"}
    box = results[4]
    assert (box["department"], box["decided_by"], box["right"]) == ("ministers-office", "policy", True)
    assert results[5]["right"] is False  # a code the catalogue lacks is a miss, not an error
    right = sum(r["right"] for r in results)
    assert last.startswith(f"routing accuracy: overall {100 * right / len(CASES):.1f}% ({right}/{len(CASES)}), ar ")


@pytest.mark.django_db
def test_the_same_departments_as_the_intake_path(evaluated, routing_model):
    catalogue.load()
    expected = []
    for number, case in enumerate(CASES):
        complaint = intake.receive(intake.IntakeRequest(
            channel=case["channel"], kind=case["kind"], language=case["language"],
            subject=case["subject"] or " ".join(case["body"].split()[:8]), body=case["body"],
            external_reference=f"path-{number}")).complaint
        engine.route_complaints([complaint.pk])
        expected.append(Complaint.objects.get(pk=complaint.pk).department.code)
    assert [json.loads(line)["department"] for line in evaluated[:-1]] == expected
    assert expected[:4] == ["maintenance", "rent-allowance", "customer-service", "property-ownership"]


def test_a_line_that_is_not_json_is_refused_with_its_number(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "body": "x", "department": "maintenance"}\n{not json\n', encoding="utf-8")
    completed = subprocess.run([sys.executable, "manage.py", "evaluate_routing", str(path)],
                               env={**os.environ, "DEBUG": "true"}, capture_output=True, text=True, timeout=120,
                               cwd=Path(__file__).parents[2])
    assert completed.returncode != 0 and "Line 2 is not JSON" in completed.stderr
