"""The permission matrix: every back-office URL that takes an object, opened by each kind of
person. The expected answers are kept in permission_matrix.yaml beside this file, so a change in
who may see what shows up in review as a change of that table.

Answers: 200 shown; 302 sent to the login page; 403 the role has no such screen; 404 the object
exists but not for this person (another department's case, its files, its citizen); 400 a form
posted empty, refused after the checks; 405 the URL
only takes a POST (whatever the object: it tells nothing). A key starting with "POST " is posted
to, with no data: the checks come before the form is read."""

from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.core.files.base import ContentFile
from django.utils import timezone

from channels_intake.models import Call, InboundItem, MediaItem, SocialPost
from complaints.models import AccessRecord, Attachment, Complaint, DuplicateFlag, Referral
from minister_office import council
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
MATRIX = yaml.safe_load((Path(__file__).parent / "permission_matrix.yaml").read_text())
PEOPLE = ("anonymous", "citizen", "officer_a", "officer_b", "head_a", "ministers_office", "supervisor")


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "complaints.storage.PrivateStorage",
                                                          "OPTIONS": {"location": tmp_path}}}


@pytest.fixture
def people(staff_member):
    a, b = DepartmentFactory(code="maintenance"), DepartmentFactory(code="allocations")
    return {
        "anonymous": None,
        "citizen": UserFactory(username="citizen", is_staff=False),
        "officer_a": staff_member("officer.a", "department-officer", a),
        "officer_b": staff_member("officer.b", "department-officer", b),
        "head_a": staff_member("head.a", "department-head", a),
        "ministers_office": staff_member("office", "ministers-office"),
        "supervisor": staff_member("supervisor", "supervisor"),
    }


@pytest.fixture
def objects(people):
    """Objects of department B (allocations), one of B referred to A, and the things around them."""
    a = people["officer_a"].staff_profile.department
    b = people["officer_b"].staff_profile.department
    routed = Complaint.Status.ROUTED
    of_b = ComplaintFactory(department=b, status=routed, contact_mobile="+97339123456")
    earlier_of_b = ComplaintFactory(department=b, status=routed, citizen=of_b.citizen,
                                    received_at=timezone.now() - timedelta(days=3))
    referred_to_a = ComplaintFactory(department=b, status=routed)
    Referral.objects.create(complaint=referred_to_a, department=a, referred_at=timezone.now())
    attachment = Attachment(complaint=of_b, original_name="lease.pdf", content_type="application/pdf", size=8)
    attachment.file.save("lease.pdf", ContentFile(b"%PDF-1.4"))
    flag = DuplicateFlag.objects.create(complaint=of_b, original=earlier_of_b, reason="same_cpr", similarity=0.8,
                                        flagged_at=timezone.now())
    call = Call.objects.create(call_id="PBX-1", caller_number="+97339123456", started_at=timezone.now(),
                               citizen=of_b.citizen, complaint=of_b)
    post = SocialPost.objects.create(platform="x", post_id="1", author_handle="@someone", text="تسرب",
                                     posted_at=timezone.now(), received_at=timezone.now())
    item = MediaItem(outlet="Al Ayam", medium="print", published_on=timezone.localdate(), headline="تسرب",
                     excerpt="تسرب", logged_by=people["supervisor"], logged_at=timezone.now(),
                     complaint=of_b)
    item.clipping.save("clip.png", ContentFile(b"\x89PNG"), save=False)
    item.save()
    inbound = InboundItem.objects.create(channel="tawasul", external_id="TW-1", payload={"citizen": {"cpr": "1"}},
                                         received_at=timezone.now(), complaint=of_b)
    access_record = AccessRecord.objects.create(user=people["supervisor"], at=timezone.now(), complaint=of_b,
                                                what=AccessRecord.What.OPENED_CASE)
    council_session = council.schedule_session(held_at=timezone.now(), place="قاعة المجلس", by=people["supervisor"])
    [agenda_item] = council.add_to_agenda(session=council_session, complaints=[of_b], by=people["supervisor"])
    council.record_outcome(item=agenda_item, attendance="attended", decision="تخصيص وحدة", by=people["supervisor"],
                           follow_up_action="عرض وحدة", follow_up_department=b, follow_up_due_on=timezone.localdate())
    return {"council_session": council_session.pk, "follow_up_of_b": agenda_item.follow_up.pk,
            "b": of_b.pk, "b_referred_to_a": referred_to_a.pk, "citizen_of_b": of_b.citizen_id,
            "attachment_of_b": attachment.pk, "flag_of_b": flag.pk, "call_of_b": call.pk, "post": post.pk,
            "media_item_of_b": item.pk, "inbound_item_of_b": inbound.pk, "access_record_of_b": access_record.pk,
            "reference_of_b": of_b.reference}


def test_the_matrix_names_every_person_for_every_url():
    for url, answers in MATRIX.items():
        assert set(answers) == set(PEOPLE), url


@pytest.mark.parametrize("url", list(MATRIX))
def test_permission_matrix(client, people, objects, url):
    answers = {}
    for person in PEOPLE:
        client.logout()
        if people[person]:
            client.force_login(people[person])
        method, _, path = url.rpartition(" ")
        response = (client.post if method == "POST" else client.get)(path.format(**objects))
        answers[person] = response.status_code
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), (person, response["Location"])
    assert answers == MATRIX[url]
