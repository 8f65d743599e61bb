"""Tawasul cases out of step: our status in Tawasul's words against Tawasul's own (from its
export file or its API), and cases whose last update to Tawasul was given up."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone, translation

from channels_intake.models import TawasulUpdate
from channels_intake.tawasul import mismatches, outbox
from channels_intake.tawasul.client import TawasulError
from complaints import lifecycle
from complaints.models import Complaint
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
EXPORTS = Path(__file__).parent / "payloads" / "tawasul_status"
Status = Complaint.Status


@pytest.fixture(autouse=True)
def in_english():
    """The report's wording is checked in English; Arabic is the portal's default."""
    with translation.override("en"):
        yield


@pytest.fixture
def cases(tawasul, tawasul_case, prompts):
    """Four Tawasul cases: one in step, one answered here but not there, one whose update was given
    up, one Tawasul's export does not list; and a web complaint, never compared."""
    in_step = tawasul_case("TW-2026-0050001", status=Status.ROUTED)
    answered = tawasul_case("TW-2026-0050002", status=Status.RESPONDED)
    stuck = tawasul_case("TW-2026-0050003", status=Status.ROUTED)
    with transaction.atomic():
        lifecycle.change_status(stuck, Status.AWAITING_CITIZEN, by=None, now=timezone.now())
    tawasul.failures.append(TawasulError("Tawasul answered 422", retryable=False))
    outbox.send(TawasulUpdate.objects.get(complaint=stuck).pk)
    unlisted = tawasul_case("TW-2026-0050004", status=Status.CLOSED)
    ComplaintFactory(channel=Complaint.Channel.WEB, status=Status.CLOSED)
    return {"in_step": in_step, "answered": answered, "stuck": stuck, "unlisted": unlisted}


def problems(found):
    return {mismatch.case_number: (mismatch.expected, mismatch.theirs, str(mismatch.problem)) for mismatch in found}


@pytest.mark.parametrize("export", ["export.csv", "export.json"])
def test_an_export_shows_the_cases_out_of_step_and_the_undelivered(cases, export):
    found = mismatches.find_in_export(
        mismatches.read_export((EXPORTS / export).read_bytes(), filename=export))

    assert problems(found) == {
        "TW-2026-0050002": ("ANSWERED", "UNDER_PROCESS", "Status differs"),
        "TW-2026-0050003": ("PENDING_CITIZEN", None, "Last update not delivered"),
    }
    [undelivered] = [mismatch for mismatch in found if mismatch.case_number == "TW-2026-0050003"]
    assert undelivered.detail == "Tawasul answered 422" and undelivered.reference == cases["stuck"].display_reference


def test_asking_tawasul_also_finds_the_cases_it_does_not_know_and_those_it_could_not_tell(cases, tawasul):
    tawasul.statuses.update({"TW-2026-0050001": "UNDER_PROCESS", "TW-2026-0050002": "UNDER_PROCESS",
                             "TW-2026-0050003": "UNDER_PROCESS"})
    assert problems(mismatches.find_through_client()) == {
        "TW-2026-0050002": ("ANSWERED", "UNDER_PROCESS", "Status differs"),
        "TW-2026-0050003": ("PENDING_CITIZEN", None, "Last update not delivered"),
        "TW-2026-0050004": ("CLOSED", None, "Tawasul does not know the case"),
    }

    tawasul.statuses["TW-2026-0050004"] = "CLOSED"
    tawasul.failures.append(TawasulError("Tawasul unreachable"))      # the first case asked: the latest
    found = problems(mismatches.find_through_client())
    assert [case for case, (_, _, problem) in found.items() if problem == "Tawasul's status could not be read"] == [
        "TW-2026-0050004"]


def test_an_undelivered_update_followed_by_a_delivered_one_is_no_longer_a_problem(cases, tawasul):
    with transaction.atomic():
        lifecycle.change_status(cases["stuck"], Status.RESPONDED, by=None, now=timezone.now())
    outbox.send(TawasulUpdate.objects.latest("pk").pk)
    assert mismatches.find(status_of=None) == []


@pytest.mark.parametrize("content", ["[1, 2]", '{"case_number": "x"}', '[{"case_number": "TW-1"}]'])
def test_an_export_that_is_not_a_list_of_case_statuses_is_refused(content):
    with pytest.raises(ValueError):
        mismatches.read_export(content.encode(), filename="export.json")


def test_the_command_reads_an_export_file(cases, capsys):
    call_command("tawasul_mismatches", "--file", str(EXPORTS / "export.csv"))
    out = capsys.readouterr().out
    assert "TW-2026-0050002\tresponded->ANSWERED\tUNDER_PROCESS\tStatus differs" in out
    assert "TW-2026-0050003" in out and "Tawasul answered 422" in out
    assert "TW-2026-0050001" not in out and out.rstrip().endswith("2 mismatches")


def test_the_command_asks_tawasul_when_no_file_is_given(cases, tawasul, capsys):
    tawasul.statuses.update({"TW-2026-0050001": "UNDER_PROCESS", "TW-2026-0050002": "ANSWERED",
                             "TW-2026-0050003": "PENDING_CITIZEN", "TW-2026-0050004": "CLOSED"})
    call_command("tawasul_mismatches")
    out = capsys.readouterr().out
    assert "TW-2026-0050003" in out and out.rstrip().endswith("1 mismatches")


def test_the_command_without_a_file_or_the_api_says_what_is_missing(settings):
    settings.TAWASUL_API_URL = ""
    with pytest.raises(CommandError, match="--file"):
        call_command("tawasul_mismatches")


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("agent.huda", "huda@housing.gov.bh", "pw"))
    return client


URL = "/admin/channels_intake/tawasulupdate/mismatches/"


def test_the_admin_page_lists_the_undelivered_and_compares_an_uploaded_export(cases, admin_client):
    page = admin_client.get(URL).content.decode()
    assert "TW-2026-0050003" in page and "TW-2026-0050002" not in page

    export = SimpleUploadedFile("export.json", (EXPORTS / "export.json").read_bytes())
    page = admin_client.post(URL, {"export": export}).content.decode()
    assert "TW-2026-0050002" in page and "TW-2026-0050003" in page and "TW-2026-0050001" not in page
    assert "export.json" in page


def test_the_admin_page_asks_tawasul_when_no_file_is_uploaded(cases, tawasul, admin_client):
    tawasul.statuses.update({"TW-2026-0050001": "CLOSED"})
    page = admin_client.post(URL, {}).content.decode()
    assert "TW-2026-0050001" in page and "TW-2026-0050004" in page


def test_the_report_costs_the_same_few_queries_however_many_cases(cases, tawasul_case, admin_client,
                                                                  django_assert_max_num_queries):
    for number in range(10):
        tawasul_case(f"TW-2026-00700{number:02d}")
    with django_assert_max_num_queries(6):
        assert admin_client.post(URL, {}).status_code == 200


def test_a_bad_export_is_refused_on_the_admin_page(cases, admin_client):
    page = admin_client.post(URL, {"export": SimpleUploadedFile("export.json", b"[1]")}).content.decode()
    assert "errorlist" in page


def test_staff_without_access_to_the_outbox_cannot_see_the_report(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    assert client.get(URL).status_code == 403


def test_a_complaints_supervisor_sees_the_report_and_may_send_updates_again(client, django_user_model):
    from complaints.security.roles import ensure_role_groups

    supervisor = django_user_model.objects.create_user("supervisor.noor", is_staff=True)
    supervisor.groups.add(ensure_role_groups()["supervisor"])
    client.force_login(supervisor)
    assert client.get(URL).status_code == 200
    assert supervisor.has_perm("channels_intake.change_tawasulupdate")
