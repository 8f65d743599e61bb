"""The council's staff pages: for the minister's office, supervisors and superusers only; the
session page builds the agenda, invites and records outcomes in a bounded number of queries;
the open follow-ups list; the minutes in Arabic, right to left, printable and as PDF."""

import re
import sys
import zlib
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from complaints.models import Complaint, Notification
from minister_office import council
from minister_office.council_models import CouncilSession, FollowUp
from tests.factories import CitizenFactory, ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(staff_member):
    return staff_member("office.maryam", "ministers-office", first_name="Maryam")


@pytest.fixture
def session(office):
    return council.schedule_session(held_at=timezone.make_aware(datetime(2026, 12, 3, 10, 30)),
                                    place="قاعة المجلس", by=office)


def urgent(n=1, **fields):
    citizen = CitizenFactory(name=f"مواطن {n}", mobile=f"+973391{n:05d}")
    return ComplaintFactory(is_urgent=True, status=Complaint.Status.IN_PROGRESS, citizen=citizen,
                            contact_mobile=citizen.mobile, subject=f"طلب سكن عاجل {n}",
                            due_at=timezone.now() + timedelta(days=n), **fields)


def url(name, language="ar", **kwargs):
    with translation.override(language):
        return reverse(f"council:{name}", kwargs=kwargs)


@pytest.mark.parametrize("role", ["department-officer", "department-head", "complaints-unit-agent"])
def test_staff_outside_the_office_are_refused(client, staff_member, session, role):
    client.force_login(staff_member("someone", role, DepartmentFactory()))
    assert client.get(url("sessions")).status_code == 403
    assert client.get(url("session", session_id=session.pk)).status_code == 403
    assert client.get(url("minutes", session_id=session.pk)).status_code == 403
    assert client.get(url("follow_ups")).status_code == 403
    assert client.post(url("invite", session_id=session.pk)).status_code == 403


def test_the_office_supervisors_and_superusers_are_let_in(client, office, supervisor, session):
    superuser = UserFactory(username="root", is_superuser=True)
    for user in (office, supervisor, superuser):
        client.force_login(user)
        assert client.get(url("sessions")).status_code == 200
        assert client.get(url("session", session_id=session.pk)).status_code == 200


def test_the_signed_out_are_sent_to_sign_in(client, session):
    response = client.get(url("session", session_id=session.pk))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_a_session_is_scheduled_from_the_list(client, office):
    client.force_login(office)
    response = client.post(url("sessions"), {"held_at": "2026-12-10T09:00", "place": "مبنى الوزارة، المنامة"})
    session = CouncilSession.objects.get()
    assert response.status_code == 302 and response.url == session.get_absolute_url()
    assert (session.place, session.created_by) == ("مبنى الوزارة، المنامة", office)
    page = client.get(url("sessions")).content.decode()
    assert "مبنى الوزارة، المنامة" in page and 'dir="rtl"' in page


def test_the_agenda_is_built_and_citizens_invited_from_the_session_page(client, office, session):
    first, second = urgent(1), urgent(2)
    client.force_login(office)
    client.post(url("agenda", session_id=session.pk), {"action": "add", "complaint": second.pk})
    client.post(url("agenda", session_id=session.pk), {"action": "build"})
    assert [i.complaint for i in session.items.order_by("position")] == [second, first]
    client.post(url("agenda", session_id=session.pk), {"action": "down",
                                                         "item": session.items.get(complaint=second).pk})
    assert [i.complaint for i in session.items.order_by("position")] == [first, second]
    client.post(url("invite", session_id=session.pk))
    assert Notification.objects.filter(kind="council_invitation").count() == 2
    page = client.get(url("session", session_id=session.pk)).content.decode()
    assert page.count("waiting to be sent") == 2 or page.count("في انتظار الإرسال") == 2   # one SMS each
    assert first.display_reference in page and 'id="invite-citizens"' not in page   # everyone invited


def test_a_case_that_is_not_urgent_cannot_be_added(client, office, session):
    client.force_login(office)
    plain = ComplaintFactory(status=Complaint.Status.IN_PROGRESS)
    response = client.post(url("agenda", session_id=session.pk), {"action": "add", "complaint": plain.pk})
    assert response.status_code == 404 and not session.items.exists()


def test_an_outcome_is_recorded_from_the_session_page(client, office, session):
    legal = DepartmentFactory(code="legal", name_en="Legal Affairs", name_ar="الشؤون القانونية")
    complaint = urgent(1)
    council.add_to_agenda(session=session, complaints=[complaint], by=office)
    item = session.items.get()
    client.force_login(office)
    prefix = f"item-{item.pk}"
    response = client.post(url("outcome", session_id=session.pk, item_id=item.pk), {
        f"{prefix}-attendance": "attended", f"{prefix}-decision": "صرف بدل سكن مؤقت",
        f"{prefix}-follow_up_action": "صرف البدل", f"{prefix}-follow_up_department": legal.pk,
        f"{prefix}-follow_up_due_on": "2027-01-15"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.attendance, item.decision, item.follow_up.department, item.follow_up.due_on) == (
        "attended", "صرف بدل سكن مؤقت", legal, date(2027, 1, 15))
    assert Notification.objects.filter(kind="council_outcome", complaint=complaint).count() == 1


def test_an_incomplete_follow_up_is_refused_with_the_reason(client, office, session):
    council.add_to_agenda(session=session, complaints=[urgent(1)], by=office)
    item = session.items.get()
    client.force_login(office)
    response = client.post(url("outcome", "en", session_id=session.pk, item_id=item.pk), {
        f"item-{item.pk}-decision": "Visit the family", f"item-{item.pk}-follow_up_action": "Visit"})
    assert response.status_code == 400
    assert "needs a responsible department and a due date" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_open_follow_ups_are_listed_until_closed(client, office, session):
    complaint = urgent(1)
    council.add_to_agenda(session=session, complaints=[complaint], by=office)
    council.record_outcome(item=session.items.get(), attendance="attended", decision="تخصيص وحدة",
                           follow_up_action="عرض وحدة في مدينة سلمان", follow_up_department=DepartmentFactory(),
                           follow_up_due_on=date(2027, 2, 1), by=office)
    follow_up = FollowUp.objects.get()
    client.force_login(office)
    assert "عرض وحدة في مدينة سلمان" in client.get(url("follow_ups")).content.decode()
    client.post(url("close_follow_up", follow_up_id=follow_up.pk), {"note": ""})
    assert "عرض وحدة في مدينة سلمان" in client.get(url("follow_ups")).content.decode()   # no note: still open
    client.post(url("close_follow_up", follow_up_id=follow_up.pk), {"note": "تم العرض والقبول"})
    assert "عرض وحدة في مدينة سلمان" not in client.get(url("follow_ups")).content.decode()


def test_the_minutes_are_in_arabic_right_to_left_with_the_decisions(client, office, session):
    complaint = urgent(1)
    council.add_to_agenda(session=session, complaints=[complaint, urgent(2)], by=office)
    first, second = session.items.order_by("position")
    council.record_outcome(item=first, attendance="attended", decision="صرف بدل سكن مؤقت لمدة ستة أشهر",
                           follow_up_action="صرف البدل", follow_up_department=DepartmentFactory(name_ar="الإسكان"),
                           follow_up_due_on=date(2027, 1, 15), by=office)
    council.record_outcome(item=second, attendance="absent", decision="", by=office)
    client.force_login(office)
    page = client.get(url("minutes", session_id=session.pk)).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "محضر" in page or "Minutes of the Ministry Council" in page
    assert "قاعة المجلس" in page and "ديسمبر" in page
    assert complaint.display_reference in page and complaint.subject in page
    assert "صرف بدل سكن مؤقت لمدة ستة أشهر" in page and "صرف البدل" in page
    assert "مواطن 1" in page and "مواطن 2" not in page            # only those who came are listed as present
    assert "css/council_minutes.css" in page


def test_the_minutes_come_as_a_pdf_with_the_arabic_font_embedded(client, office, session):
    council.add_to_agenda(session=session, complaints=[urgent(1)], by=office)
    council.record_outcome(item=session.items.get(), attendance="attended", decision="صرف بدل سكن", by=office)
    client.force_login(office)
    response = client.get(url("minutes_pdf", session_id=session.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # IBM Plex Sans Arabic, under the family name council_minutes_pdf.css gives it, is embedded: the
    # stylesheet and font were read, and Arabic is not left to whatever system font is around.
    assert b"+Minutes-Arabic/" in pdf_objects(response.content)


def test_without_weasyprint_the_pdf_link_says_to_print_the_page(client, office, session, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)    # as on a server without the package or Pango
    client.force_login(office)
    response = client.get(url("minutes_pdf", "en", session_id=session.pk))
    assert response.status_code == 503 and "print the minutes page" in response.content.decode()


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's objects, with its compressed streams unpacked."""
    unpacked = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            unpacked.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            pass
    return b"".join(unpacked)


def test_the_session_page_reads_a_bounded_number_of_rows(client, office, session, django_assert_max_num_queries):
    departments = [DepartmentFactory() for _ in range(3)]
    complaints = [urgent(n, department=departments[n % 3]) for n in range(1, 13)]
    council.add_to_agenda(session=session, complaints=complaints[:8], by=office)
    council.invite_citizens(session=session, by=office)
    for n, item in enumerate(session.items.all()):
        council.record_outcome(item=item, attendance="attended", decision=f"قرار {n}", follow_up_action="متابعة",
                               follow_up_department=departments[0], follow_up_due_on=date(2027, 1, 1), by=office)
    client.force_login(office)
    with django_assert_max_num_queries(10):   # 8 cases, each with its invitations and follow-up
        response = client.get(url("session", session_id=session.pk))
    assert response.status_code == 200 and response.content.decode().count('class="card mb-3"') == 8


def test_the_follow_ups_list_reads_a_bounded_number_of_rows(client, office, session, django_assert_max_num_queries):
    department = DepartmentFactory()
    council.add_to_agenda(session=session, complaints=[urgent(n) for n in range(1, 7)], by=office)
    for item in session.items.all():
        council.record_outcome(item=item, attendance="attended", decision="قرار", follow_up_action="متابعة",
                               follow_up_department=department, follow_up_due_on=date(2027, 1, 1), by=office)
    client.force_login(office)
    with django_assert_max_num_queries(6):
        response = client.get(url("follow_ups"))
    assert response.content.decode().count("/close/") == 6


def test_the_sessions_list_counts_the_cases_decided(client, office, session):
    council.add_to_agenda(session=session, complaints=[urgent(1), urgent(2)], by=office)
    council.record_outcome(item=session.items.first(), attendance="attended", decision="قرار", by=office)
    client.force_login(office)
    assert "<td>1 / 2</td>" in client.get(url("sessions")).content.decode()
