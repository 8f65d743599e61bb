"""Tawasul cases imported from a file: each once, bad rows reported, nothing half-done."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from channels_intake.models import InboundItem
from complaints.models import Complaint

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads" / "tawasul"


def test_a_csv_file_is_imported_row_by_row_and_bad_rows_are_reported(ministry, capsys):
    call_command("import_tawasul", str(PAYLOADS / "batch.csv"))
    out, err = capsys.readouterr()

    assert "2 created, 0 already imported, 1 rejected" in out
    assert "TW-2026-0050003" in err and "subject" in err
    assert set(Complaint.objects.values_list("external_reference", flat=True)) == {"TW-2026-0050001",
                                                                                  "TW-2026-0050002"}
    english = Complaint.objects.get(external_reference="TW-2026-0050002")
    assert english.kind == "inquiry" and english.contact_email == "sara@example.com"


def test_importing_the_same_file_again_creates_nothing(ministry, capsys):
    call_command("import_tawasul", str(PAYLOADS / "batch.csv"))
    call_command("import_tawasul", str(PAYLOADS / "batch.csv"))
    assert "0 created, 2 already imported, 1 rejected" in capsys.readouterr().out
    assert Complaint.objects.count() == 2


def test_a_json_file_and_the_webhook_share_one_complaint_per_case(ministry, tmp_path, client, settings):
    case = json.loads((PAYLOADS / "case_arabic_maintenance.json").read_text())
    export = tmp_path / "tawasul.json"
    export.write_text(json.dumps([case], ensure_ascii=False))
    call_command("import_tawasul", str(export))
    from tests.channels_intake.test_tawasul import SECRET, deliver

    settings.TAWASUL_WEBHOOK_SECRET = SECRET
    response = deliver(client, json.dumps(case).encode())
    assert response.json()["duplicate"] is True
    assert Complaint.objects.count() == InboundItem.objects.count() == 1


@pytest.mark.parametrize("content", ['{"case_number": "x"}', "not json", "[1, 2]"])
def test_a_file_that_is_not_a_list_of_cases_is_refused(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(CommandError):
        call_command("import_tawasul", str(bad))
    assert not InboundItem.objects.exists()
