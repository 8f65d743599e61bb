"""A citizen's export: everything held about one CPR and nothing about anyone else — not the
other citizen who shares their phone and name, not the case their complaint was merged into."""

import io
import json
import zipfile

import pytest

from channels_intake.models import Call
from complaints.data_protection import export
from complaints.models import AccessRecord, Complaint
from tests.factories import CitizenFactory, ComplaintFactory

pytestmark = pytest.mark.django_db
EXPORT_URL = "/admin/complaints/datasubjectrequest/export/"


@pytest.fixture
def two_citizens(full_case):
    """Two citizens with the same name and phone; one of A's complaints merged into B's case."""
    a = CitizenFactory(name="Fatima Ali", cpr="900000011", mobile="+97339123456", email="a@example.com")
    b = CitizenFactory(name="Fatima Ali", cpr="900000022", mobile="+97339123456", email="b@example.com")
    a_case = full_case(a, tag="A")
    b_case = full_case(b, tag="B", body="B-ONLY: the neighbour's secret story")
    merged = ComplaintFactory(citizen=a, status=Complaint.Status.MERGED, master=b_case, subject="A's second word",
                              body="A-MERGED body", contact_mobile=a.mobile)
    # B phoned from the shared number without saying who they were; and a call was logged on B's CPR.
    Call.objects.create(call_id="shared-phone", caller_number=a.mobile, started_at=b_case.received_at,
                        notes="B-ONLY call")
    return {"a": a, "b": b, "a_case": a_case, "b_case": b_case, "merged": merged}


def test_the_export_holds_everything_about_the_citizen(two_citizens):
    a, a_case, merged = two_citizens["a"], two_citizens["a_case"], two_citizens["merged"]

    data = export.export_data(a)

    assert data["citizen"]["cpr"] == "900000011" and data["citizen"]["email"] == "a@example.com"
    assert [c["reference"] for c in data["complaints"]] == [a_case.display_reference, merged.display_reference]
    assert data["complaints"][1]["merged_into"] == two_citizens["b_case"].display_reference
    for section in ("events", "replies", "ratings", "notifications", "referrals", "attachments", "calls",
                    "channel_items_as_received", "social_media_posts", "taht_amrak_letters", "press_items",
                    "urgency_studies", "council_invitations", "ministers_directives", "access_to_your_data"):
        assert section in data and section in data["sections"], section
    assert len(data["urgency_studies"]) == 1 and data["urgency_studies"][0]["household_size"] == 6
    assert data["council_invitations"][0]["decision"] == "Fatima Ali gets a flat"
    assert data["channel_items_as_received"][0]["payload"]["cpr"] == "900000011"
    assert data["calls"][0]["caller_number"] == "+97339123456"
    # Labels in both languages.
    assert data["complaints"][0]["status"] == {"code": "closed", "ar": "مغلقة", "en": "Closed"}
    assert data["sections"]["urgency_studies"]["en"] == "Urgency studies of the family"


def test_the_export_holds_nothing_about_the_other_citizen(two_citizens):
    b = two_citizens["b"]

    text = json.dumps(export.export_data(two_citizens["a"]), ensure_ascii=False)

    assert two_citizens["b_case"].body not in text
    for foreign in (b.cpr, b.email, "B-ONLY", "Leak at Fatima Ali's flat B"):
        assert foreign not in text
    assert "road 12 house B" not in text and "@B_fatima" not in text and "in-B-" not in text
    assert "shared-phone" not in text  # the shared number's call was not logged on A's CPR
    assert "HA-B-77" not in text


def test_the_zip_holds_the_data_and_only_the_citizens_files(two_citizens):
    archive = zipfile.ZipFile(io.BytesIO(export.export_zip(two_citizens["a"])))

    names = archive.namelist()
    data = json.loads(archive.read("data.json"))
    assert data["citizen"]["cpr"] == "900000011"
    files = [name for name in names if name.startswith("files/")]
    assert len(files) == 3  # A's attachment, letter scan and clipping; none of B's
    assert any("Fatima Ali lease.pdf" in name for name in files)
    b_case = two_citizens["b_case"].display_reference
    assert all(entry["complaint"] != b_case for entry in data["files"])


def test_the_officer_downloads_the_export_and_it_is_recorded(client, two_citizens, data_protection_officer):
    client.force_login(data_protection_officer)

    response = client.post(EXPORT_URL, {"cpr": "٩٠٠٠٠٠٠١١", "format": "zip"})

    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    records = AccessRecord.objects.filter(what=AccessRecord.What.EXPORTED_DATA)
    assert {r.complaint_id for r in records} == {two_citizens["a_case"].pk, two_citizens["merged"].pk}
    assert all(r.user == data_protection_officer and r.detail == f"citizen {two_citizens['a'].pk}" for r in records)

    as_json = client.post(EXPORT_URL, {"cpr": "900000011", "format": "json"})
    assert json.loads(as_json.content)["citizen"]["cpr"] == "900000011"


def test_an_unknown_cpr_is_said_so_in_the_page_language(client, data_protection_officer):
    client.force_login(data_protection_officer)

    response = client.post(EXPORT_URL, {"cpr": "900000099"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "The ministry holds no citizen with this CPR." in response.content.decode()
    assert not AccessRecord.objects.exists()


def test_only_the_data_protection_officer_may_export(client, supervisor, two_citizens):
    client.force_login(supervisor)

    assert client.get(EXPORT_URL).status_code == 403
    assert client.post(EXPORT_URL, {"cpr": "900000011"}).status_code == 403
    assert not AccessRecord.objects.exists()


def test_a_citizen_without_complaints_is_exported_and_recorded_once(client, data_protection_officer):
    lone = CitizenFactory(cpr="900000033")
    client.force_login(data_protection_officer)

    response = client.post(EXPORT_URL, {"cpr": "900000033", "format": "json"})

    assert json.loads(response.content)["complaints"] == []
    record = AccessRecord.objects.get()
    assert record.complaint is None and record.detail == f"citizen {lone.pk}"


def test_the_export_page_opens_in_arabic_and_english(client, data_protection_officer):
    client.force_login(data_protection_officer)

    english = client.get(EXPORT_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Everything the ministry holds about one CPR" in english and 'dir="ltr"' in english
    arabic = client.get(EXPORT_URL, HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.status_code == 200 and 'dir="rtl"' in arabic.content.decode()


def test_a_complaint_sent_a_moment_ago_is_exported_with_the_rest(two_citizens):
    from complaints import intake

    sent = intake.receive(intake.IntakeRequest(
        channel=Complaint.Channel.WEB, subject="JUST-SENT", body="sent through the web form a moment ago",
        citizen=intake.CitizenDetails(name="Fatima Ali", cpr="900000011", mobile="39123456"))).complaint

    citizen = export.find_citizen("900000011")

    assert sent.display_reference in json.dumps(export.export_data(citizen), ensure_ascii=False)
