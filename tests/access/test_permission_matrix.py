"""The permission matrix: every back-office URL that takes an object, opened by each kind of
person. The expected answers are kept in permission_matrix.yaml beside this file, so a change in
who may see what shows up in review as a change of that table.

Answers: 200 shown; 302 sent to the login page; 403 the role has no such screen; 404 the object
exists but not for this person (another department's case, its files, its citizen); 400 a form
posted empty, refused after the checks; 405 the URL
only takes a POST (whatever the object: it tells nothing). A key starting with "POST " is posted
to, with no data: the checks come before the form is read.

Its `screens:` part covers every back-office URL the resolver knows, custom views included: a
screen added without an entry fails test_every_back_office_url_is_in_the_matrix, which prints the
entry to add (tests/access/screens.py describes the entries)."""

from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from channels_intake.models import BoxLetter, Call, InboundItem, MediaItem, SocialPost
from complaints.models import (
    AccessRecord,
    Attachment,
    CannedResponse,
    ClosureDate,
    Complaint,
    DuplicateFlag,
    LegalClause,
    Referral,
    RouterVersion,
    RoutingRule,
)
from minister_office import council
from minister_office.council_models import AgendaItem
from tests.access import screens
from tests.factories import CategoryFactory, ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
MATRIX = yaml.safe_load((Path(__file__).parent / "permission_matrix.yaml").read_text())
SCREENS = MATRIX.pop("screens") or {}
PEOPLE = ("anonymous", "citizen", "officer_a", "officer_b", "head_a", "ministers_office", "supervisor")


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "complaints.files.storage.PrivateStorage",
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


# --- Every back-office screen, by role (the matrix's `screens:` part) --------------------------

@pytest.fixture
def screen_objects(people, objects):
    """The objects above, and one of each model whose screens take one, by "<app>_<model>"."""
    b = people["officer_b"].staff_profile.department
    of_b = Complaint.objects.get(pk=objects["b"])
    letter = BoxLetter(complaint=ComplaintFactory(department=b, channel=Complaint.Channel.TAHT_AMRAK), box="Isa Town",
                       collected_on=timezone.localdate(), opened_by=people["supervisor"], witnessed_by="Ali")
    letter.scan.save("letter.pdf", ContentFile(b"%PDF-1.4"), save=False)
    letter.save()
    rule = RoutingRule.objects.create(name="Leaks", keywords="تسرب", department=b)
    return objects | {
        "complaints_complaint": of_b.pk, "complaints_report": of_b.pk, "channels_intake_walkincomplaint": of_b.pk,
        "complaints_citizen": of_b.citizen_id, "complaints_department": b.pk, "complaints_departmentworkload": b.pk,
        "complaints_category": CategoryFactory(default_department=b).pk, "complaints_routingrule": rule.pk,
        "complaints_routingtrial": rule.pk, "complaints_duplicateflag": objects["flag_of_b"],
        "complaints_departmentwithoutaddress": b.pk,
        "complaints_routerversion": RouterVersion.objects.create(version="v1", created_at=timezone.now(),
                                                                 artefact=b"").pk,
        "complaints_legalclause": LegalClause.objects.create(law_ar="قانون الإسكان", law_en="Housing law", article="5",
                                                             text_ar="نص", text_en="Text").pk,
        "complaints_accessrecord": objects["access_record_of_b"],
        "complaints_closuredate": ClosureDate.objects.create(date=timezone.localdate(), reason="Eid").pk,
        "complaints_cannedresponse": CannedResponse.objects.create(title="Thanks", text_ar="شكرا",
                                                                   text_en="Thanks").pk,
        "channels_intake_boxletter": letter.pk, "channels_intake_call": objects["call_of_b"],
        "channels_intake_socialpost": objects["post"], "channels_intake_mediaitem": objects["media_item_of_b"],
        "channels_intake_inbounditem": objects["inbound_item_of_b"], "auth_user": people["supervisor"].pk,
        "auth_group": Group.objects.first().pk,
        "agenda_item": AgendaItem.objects.get(session_id=objects["council_session"]).pk,
    }


@pytest.fixture
def clients(people, staff_member):
    """One signed-in browser per role (department roles in department B, whose objects these are),
    one for a citizen and one for nobody."""
    b = people["officer_b"].staff_profile.department
    clients = {"anonymous": Client(), "citizen": Client()}
    clients["citizen"].force_login(people["citizen"])
    for code in screens.ROLE_CODES:
        clients[code] = Client()
        clients[code].force_login(staff_member(f"role.{code}", code, b if code.startswith("department-") else None))
    return clients


def test_every_back_office_url_is_in_the_matrix(clients, screen_objects):
    missing = [route for route in screens.staff_routes() if route not in SCREENS]
    entries = []
    for route in missing:  # opened as everyone, to write the entry that describes today's answers
        answers, signed_out = screens.open_as_everyone(clients, False, screens.path_of(route, {}, screen_objects))
        entries.append(screens.suggestion(route, answers, signed_out))
    assert not missing, (
        "These back-office URLs are in no entry of the permission matrix. Add them under `screens:` in "
        "tests/access/permission_matrix.yaml. Here is what each answers today: check that `open` lists "
        "exactly the roles meant to have the screen, and make the screen check its permission if not.\n"
        + "\n".join(entries))
    gone = sorted(set(SCREENS) - set(screens.staff_routes()))
    assert not gone, f"No such URL any more: remove from `screens:` in permission_matrix.yaml: {gone}"


def _screen_group(route):
    """The screens of one model (admin/<app>/<model>/…) or of one staff area, tested together."""
    return "/".join(route.split("/")[:3])


@pytest.mark.parametrize("group", sorted({_screen_group(route) for route in SCREENS}))
def test_each_back_office_screen_answers_each_role_as_the_matrix_says(clients, screen_objects, group):
    wrong = {}
    for route in (route for route in SCREENS if _screen_group(route) == group):
        entry = SCREENS[route] or {}
        wanted = screens.expected(entry)
        path = screens.path_of(route, entry, screen_objects)
        answers, signed_out = screens.open_as_everyone(clients, entry.get("post", False), path)
        may_open = screens.ROLE_CODES if entry.get("open") == "staff" else entry.get("open") or ()
        redirected = [person for person in answers  # those refused by a redirect, unless their answer is given
                      if answers[person] in (301, 302) and person not in may_open and person not in entry]
        if answers != wanted:
            wrong[route] = {"path": path, "answered": {person: answers[person] for person in answers
                                                       if answers[person] != wanted[person]},
                            "matrix says": {person: wanted[person] for person in answers
                                            if answers[person] != wanted[person]}}
        elif sorted(set(signed_out) - set(entry)) != sorted(redirected):
            wrong[route] = {"path": path, "sent to sign in": signed_out, "should be": redirected}
    assert not wrong, "\n".join(f"{route}: {problem}" for route, problem in wrong.items())
