"""A Ministry Council session from its agenda to the outcome told to each citizen: urgent open
cases on the agenda, each citizen invited once in their language, attendance and decisions
recorded, the outcome sent once, follow-ups open until closed with a note."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complaints.errors import DomainError
from complaints.models import Complaint, ComplaintEvent, Notification
from complaints.notifications import to_citizens
from complaints.notifications.sms import MemoryBackend
from minister_office import council
from minister_office.council_models import AgendaItem, FollowUp
from minister_office.models import UrgencyStanding
from tests.factories import CitizenFactory, ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime(2026, 11, 28, 9, 0))


@pytest.fixture
def office(staff_member):
    return staff_member("office.maryam", "ministers-office", first_name="Maryam")


def urgent(days_left, language="ar", **fields):
    citizen = CitizenFactory(preferred_language=language, email=f"citizen{days_left}@example.com",
                             mobile=f"+973390{days_left:05d}")
    fields.setdefault("status", Complaint.Status.IN_PROGRESS)
    return ComplaintFactory(is_urgent=True, citizen=citizen,
                            contact_mobile=citizen.mobile, contact_email=citizen.email, language=language,
                            due_at=NOW + timedelta(days=days_left), **fields)


def send_all():
    return sum(to_citizens.send(pk) for pk in Notification.objects.values_list("pk", flat=True))


@pytest.fixture
def session(office):
    return council.schedule_session(held_at=timezone.make_aware(datetime(2026, 12, 3, 10, 30)),
                                    place="قاعة المجلس، مبنى الوزارة", by=office, now=NOW)


def test_the_agenda_is_built_from_open_urgent_cases_the_most_pressing_first(session, office):
    later, sooner = urgent(20), urgent(3)
    urgent(1, status=Complaint.Status.CLOSED)                        # closed: nothing to hear
    ComplaintFactory(is_urgent=False, status=Complaint.Status.IN_PROGRESS)  # not urgent
    council.build_agenda(session=session, by=office, candidates=council.agenda_candidates())
    assert [item.complaint for item in session.items.order_by("position")] == [sooner, later]
    assert council.build_agenda(session=session, by=office, candidates=council.agenda_candidates()) == []


def test_a_studied_family_in_greater_need_comes_before_an_earlier_due_date(session, office):
    unstudied_soonest, studied_low, studied_high = urgent(1), urgent(10), urgent(20)
    UrgencyStanding.objects.create(complaint=studied_low, score=55, urgent=True, assessed_at=NOW)
    UrgencyStanding.objects.create(complaint=studied_high, score=90, urgent=True, assessed_at=NOW)
    assert list(council.agenda_candidates()) == [studied_high, studied_low, unstudied_soonest]


def test_agenda_items_are_added_moved_and_removed(session, office):
    first, second, third = urgent(1), urgent(2), urgent(3)
    council.add_to_agenda(session=session, complaints=[first, second, third], by=office)
    council.add_to_agenda(session=session, complaints=[second], by=office)   # already there: ignored
    third_item = session.items.get(complaint=third)
    council.move_agenda_item(item=third_item, up=True, by=office)
    council.move_agenda_item(item=session.items.get(complaint=first), up=True, by=office)  # first stays first
    assert [i.complaint for i in session.items.order_by("position")] == [first, third, second]
    council.remove_from_agenda(item=session.items.get(complaint=second), by=office)
    assert [i.complaint for i in session.items.order_by("position")] == [first, third]


def test_an_invited_case_stays_on_the_agenda(session, office):
    council.add_to_agenda(session=session, complaints=[urgent(1)], by=office)
    council.invite_citizens(session=session, by=office, now=NOW)
    with pytest.raises(DomainError):
        council.remove_from_agenda(item=session.items.get(), by=office)


def test_each_citizen_is_invited_once_by_sms_and_email_in_their_language(session, office):
    arabic, english = urgent(1, "ar"), urgent(2, "en")
    council.build_agenda(session=session, by=office, candidates=council.agenda_candidates())
    assert council.invite_citizens(session=session, by=office, now=NOW) == 2
    assert council.invite_citizens(session=session, by=office, now=NOW) == 0      # pressed twice
    invitations = Notification.objects.filter(kind=Notification.Kind.COUNCIL_INVITATION)
    assert sorted(invitations.values_list("complaint_id", "channel", "language")) == sorted([
        (arabic.pk, "sms", "ar"), (arabic.pk, "email", "ar"), (english.pk, "sms", "en"), (english.pk, "email", "en")])
    assert send_all() == 4
    by_recipient = {message.to: message.text for message in MemoryBackend.outbox}
    emails = {message.to[0]: message for message in mail.outbox}
    # The date is written in the citizen's language: Arabic month and day names for an Arabic reader.
    assert "ديسمبر" in emails[arabic.contact_email].body and "الخميس" in emails[arabic.contact_email].body
    assert "Thursday 3 December 2026" in emails[english.contact_email].body
    assert "10:30" in emails[english.contact_email].body and "قاعة المجلس" in emails[english.contact_email].body
    assert english.display_reference in emails[english.contact_email].subject
    assert "ديسمبر" in by_recipient[arabic.contact_mobile] and "December" in by_recipient[english.contact_mobile]
    assert all(item.invited_at == NOW for item in session.items.all())
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.COUNCIL_INVITED).count() == 2


def test_a_case_added_after_the_invitations_is_invited_on_its_own(session, office):
    council.add_to_agenda(session=session, complaints=[urgent(1)], by=office)
    council.invite_citizens(session=session, by=office, now=NOW)
    late = urgent(5)
    council.add_to_agenda(session=session, complaints=[late], by=office)
    assert council.invite_citizens(session=session, by=office, now=NOW) == 1
    assert Notification.objects.filter(kind="council_invitation", complaint=late).count() == 2


def test_attendance_decision_and_follow_up_are_recorded_and_the_citizen_told_once(session, office):
    complaint = urgent(1, "en")
    legal = DepartmentFactory(code="legal", name_en="Legal Affairs")
    council.add_to_agenda(session=session, complaints=[complaint], by=office)
    item = session.items.get()
    council.record_outcome(item=item, attendance=AgendaItem.Attendance.ABSENT, decision="", by=office, now=NOW)
    assert not Notification.objects.filter(kind="council_outcome").exists()   # attendance alone tells nothing

    council.record_outcome(item=item, attendance=AgendaItem.Attendance.REPRESENTED,
                           decision="Grant a temporary housing allowance for six months.", by=office,
                           follow_up_action="Pay the allowance from January.", follow_up_department=legal,
                           follow_up_due_on=date(2027, 1, 15), now=NOW)
    item.refresh_from_db()
    assert (item.attendance, item.decided_at, item.decided_by) == ("represented", NOW, office)
    assert (item.follow_up.action, item.follow_up.department, item.follow_up.due_on) == (
        "Pay the allowance from January.", legal, date(2027, 1, 15))
    event = complaint.events.get(kind=ComplaintEvent.Kind.COUNCIL_DECIDED)
    assert event.note == "Grant a temporary housing allowance for six months." and event.actor == office

    council.record_outcome(item=item, attendance="represented", by=office, now=NOW,
                           decision="Grant a temporary housing allowance for twelve months.")   # corrected
    outcome = Notification.objects.filter(kind=Notification.Kind.COUNCIL_OUTCOME)
    assert sorted(outcome.values_list("channel", flat=True)) == ["email", "sms"]
    send_all()
    [email] = [message for message in mail.outbox if "decision" in message.subject]
    assert "six months" in email.body and complaint.display_reference in email.subject
    assert complaint.events.filter(kind=ComplaintEvent.Kind.COUNCIL_DECIDED).count() == 2


def test_a_decision_can_be_corrected_but_not_removed(session, office):
    council.add_to_agenda(session=session, complaints=[urgent(1)], by=office)
    item = session.items.get()
    council.record_outcome(item=item, attendance="attended", decision="Refer to the Housing Committee.", by=office)
    with pytest.raises(DomainError):
        council.record_outcome(item=item, attendance="attended", decision=" ", by=office)


def test_a_follow_up_needs_a_decision_a_department_and_a_due_date(session, office):
    council.add_to_agenda(session=session, complaints=[urgent(1)], by=office)
    item = session.items.get()
    with pytest.raises(DomainError):
        council.record_outcome(item=item, attendance="", decision="", follow_up_action="Visit the family",
                               follow_up_department=DepartmentFactory(), follow_up_due_on=date(2027, 1, 1), by=office)
    with pytest.raises(DomainError):
        council.record_outcome(item=item, attendance="", decision="Visit", follow_up_action="Visit the family",
                               by=office)
    assert not FollowUp.objects.exists()


def test_a_follow_up_stays_open_until_closed_with_a_note(session, office):
    complaint = urgent(1)
    council.add_to_agenda(session=session, complaints=[complaint], by=office)
    council.record_outcome(item=session.items.get(), attendance="attended", decision="Allocate a flat.",
                           follow_up_action="Offer a flat in Salman Town.", follow_up_department=DepartmentFactory(),
                           follow_up_due_on=date(2027, 2, 1), by=office)
    follow_up = FollowUp.objects.open().get()
    with pytest.raises(DomainError):
        council.close_follow_up(follow_up=follow_up, note="  ", by=office)
    assert FollowUp.objects.open().exists()
    council.close_follow_up(follow_up=follow_up, note="Flat offered and accepted.", by=office, now=NOW)
    assert not FollowUp.objects.open().exists()
    follow_up.refresh_from_db()
    assert (follow_up.closed_at, follow_up.closed_by, follow_up.closing_note) == (NOW, office,
                                                                                "Flat offered and accepted.")
    assert complaint.events.filter(kind=ComplaintEvent.Kind.COUNCIL_FOLLOW_UP_CLOSED).exists()
    with pytest.raises(DomainError):
        council.close_follow_up(follow_up=follow_up, note="again", by=office)


def test_a_session_needs_a_place(office):
    with pytest.raises(DomainError):
        council.schedule_session(held_at=NOW, place=" ", by=office)


def test_the_councils_words_reach_the_citizen_as_written_not_as_html(session, office):
    council.add_to_agenda(session=session, complaints=[urgent(1)], by=office)
    council.record_outcome(item=session.items.get(), attendance="attended", by=office,
                           decision='Allowance & a "temporary" flat')
    send_all()
    assert MemoryBackend.outbox[0].text.endswith('Allowance & a "temporary" flat')
    assert 'Allowance & a "temporary" flat' in mail.outbox[0].body
