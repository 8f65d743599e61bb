"""The call-centre agent's screen: log a call, find the caller by CPR, and either make one
complaint through the intake service or record that the caller only needed information."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from channels_intake.calls import call_log as calls
from channels_intake.models import Call
from complaints.models import Citizen, Complaint, Notification
from complaints.notifications import to_citizens as citizen_notifications
from complaints.notifications.sms import MemoryBackend
from complaints.security import roles
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/channels_intake/call/add/"


def user_with_role(code, username):
    user = UserFactory(username=username)
    user.groups.add(roles.ensure_role_groups()[code])
    return user


@pytest.fixture
def agent(db):
    return user_with_role("call-centre-agent", "agent.maryam")


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.fixture
def reported_call(db):
    """A call the telephone system reported, not yet logged by the agent."""
    return Call.objects.create(call_id="PBX-20261125-000123", caller_number="+97339123456",
                               started_at=datetime(2026, 11, 25, 6, 14, tzinfo=UTC), wait_seconds=42,
                               talk_seconds=305, status=Call.Status.ANSWERED, agent_extension="2107",
                               reported_at=datetime(2026, 11, 25, 6, 20, tzinfo=UTC))


def log_url(call):
    return f"/admin/channels_intake/call/{call.pk}/log/"


def call_log(**overrides):
    values = {"caller_number": "+97339123456", "cpr": "850412345", "name": "", "mobile": "+97339123456",
              "kind": "complaint", "notes": "المواطنة غاضبة، اتصلت ثلاث مرات", "outcome": "complaint",
              "subject": "تسرب مياه في المطبخ", "body": "تسرب مياه من السقف في المطبخ منذ شهر.",
              "category": "", "language": "ar"}
    values.update(overrides)
    return values


def test_a_reported_call_opens_with_its_caller_number_filled_in(agent_client, reported_call):
    page = agent_client.get(log_url(reported_call)).content.decode()
    assert 'value="+97339123456"' in page and "PBX-20261125-000123" in page


def test_finding_the_caller_by_cpr_shows_their_name_and_earlier_complaints_and_keeps_what_was_typed(
        agent_client, reported_call, fatima):
    earlier = ComplaintFactory(citizen=fatima, subject="تأخر صيانة المكيف")
    response = agent_client.post(log_url(reported_call), {**call_log(subject="موضوع كتبته الموظفة"), "_find": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert fatima.name in page and earlier.display_reference in page and "تأخر صيانة المكيف" in page
    assert 'value="موضوع كتبته الموظفة"' in page
    assert Complaint.objects.get() == earlier and Call.objects.get().outcome == ""


def test_the_agent_makes_a_complaint_from_a_reported_call_and_the_citizen_gets_the_reference(
        agent_client, agent, reported_call, fatima, ministry):
    response = agent_client.post(log_url(reported_call), call_log())

    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/complaint/{complaint.pk}/change/")
    assert (complaint.channel, complaint.external_reference) == (Complaint.Channel.CALL_CENTRE, "PBX-20261125-000123")
    assert complaint.citizen == fatima and complaint.subject == "تسرب مياه في المطبخ"
    call = Call.objects.get()
    assert (call.outcome, call.complaint, call.citizen, call.agent, call.kind) == (
        Call.Outcome.COMPLAINT, complaint, fatima, agent, Call.Kind.COMPLAINT)
    assert call.notes == "المواطنة غاضبة، اتصلت ثلاث مرات" and call.wait_seconds == 42  # telephony figures kept
    for pk in Notification.objects.values_list("pk", flat=True):
        citizen_notifications.send(pk)
    assert MemoryBackend.outbox[0].to == "+97339123456"
    assert complaint.display_reference in MemoryBackend.outbox[0].text


def test_a_call_that_made_a_complaint_cannot_make_a_second_one(agent_client, reported_call, fatima, ministry):
    agent_client.post(log_url(reported_call), call_log())
    reference = Complaint.objects.get().display_reference

    again = agent_client.post(log_url(reported_call), call_log(subject="شكوى أخرى"))
    typed_the_id = agent_client.post(ADD_URL, call_log(call_id="PBX-20261125-000123", subject="شكوى ثالثة"))
    information = agent_client.post(log_url(reported_call), call_log(outcome="information"))

    for response in (again, typed_the_id, information):
        assert response.status_code == 200
        assert "errornote" in response.content.decode() and reference in response.content.decode()
    assert 'value="شكوى أخرى"' in again.content.decode()
    assert Complaint.objects.count() == 1 and Call.objects.get().outcome == Call.Outcome.COMPLAINT


def test_an_information_only_call_is_recorded_without_a_complaint(agent_client, agent, reported_call, fatima):
    response = agent_client.post(log_url(reported_call), call_log(
        outcome="information", kind="application", subject="", body="", notes="سأل عن ترتيب طلبه الإسكاني"))

    assert response.status_code == 302 and response["Location"].endswith("/channels_intake/call/")
    call = Call.objects.get()
    assert (call.outcome, call.kind, call.citizen, call.agent, call.complaint) == (
        Call.Outcome.INFORMATION, Call.Kind.APPLICATION, fatima, agent, None)
    assert call.notes == "سأل عن ترتيب طلبه الإسكاني" and call.logged_at is not None
    assert not Complaint.objects.exists() and not Notification.objects.exists()


def test_a_call_the_telephone_system_has_not_reported_is_logged_from_the_add_screen(agent_client, ministry):
    response = agent_client.post(ADD_URL, call_log(cpr="900101234", name="حسن جعفر", mobile="36001122"))

    assert response.status_code == 302
    call = Call.objects.get()
    assert call.call_id.startswith("agent-") and call.reported_at is None and call.status == Call.Status.ANSWERED
    assert call.complaint.external_reference == call.call_id
    assert Citizen.objects.get(cpr="900101234").name == "حسن جعفر"
    assert call.complaint.contact_mobile == "+97336001122"


@pytest.mark.parametrize(("overrides", "field_error"), [
    ({"cpr": "1234"}, "cpr"),
    ({"mobile": "1712"}, "mobile"),
    ({"subject": ""}, "subject"),
    ({"body": " "}, "body"),
    ({"cpr": "900101234", "name": ""}, "name"),
    ({"subject": "x" * 201}, "subject"),
])
def test_bad_input_is_refused_keeping_what_was_typed_and_storing_nothing(
        agent_client, reported_call, fatima, overrides, field_error):
    response = agent_client.post(log_url(reported_call), call_log(**overrides))

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors[field_error] and "errorlist" in page
    assert "المواطنة غاضبة، اتصلت ثلاث مرات" in page  # the notes typed are still there
    assert not Complaint.objects.exists() and Call.objects.get().outcome == ""


def test_the_errors_are_in_the_agents_language(agent_client, reported_call):
    arabic = agent_client.post(log_url(reported_call), call_log(cpr="1234"))
    english = agent_client.post(log_url(reported_call), call_log(cpr="1234", subject=""), HTTP_ACCEPT_LANGUAGE="en")

    assert "أدخل الرقم الشخصي المكوّن من 9 أرقام." in arabic.content.decode()
    assert "Enter the 9 digits of your CPR (personal number)." in english.content.decode()
    assert "Enter the subject of the complaint." in english.content.decode()


def test_staff_without_the_call_permissions_cannot_log_calls(client, reported_call):
    client.force_login(user_with_role("department-officer", "officer.ali"))
    assert client.get(log_url(reported_call)).status_code == 403
    assert client.post(ADD_URL, call_log()).status_code == 403
    assert not Complaint.objects.exists()


def test_the_call_list_masks_caller_numbers_and_offers_to_log_a_reported_call(
        agent_client, reported_call, django_assert_max_num_queries):
    for number in range(20):
        Call.objects.create(call_id=f"PBX-{number}", caller_number=f"+9733912{number:04d}",
                            started_at=datetime(2026, 11, 25, 7, number, tzinfo=UTC), complaint=None)
    with django_assert_max_num_queries(12):
        page = agent_client.get("/admin/channels_intake/call/").content.decode()
    assert "+97339123456" not in page and "…3456" in page
    assert log_url(reported_call) in page
    assert "/admin/channels_intake/call/statistics/" not in page  # an agent does not see the statistics


def test_a_complaint_the_intake_refuses_leaves_no_call_behind(agent, ministry):
    log = calls.CallLog(call_id="", caller_number="39123456", kind=Call.Kind.COMPLAINT)
    with pytest.raises(ValidationError) as refused:
        calls.log_complaint_call(log, calls.ComplaintDetails(subject="تسرب", body="x" * 10_001), by=agent)
    assert "body" in refused.value.message_dict
    assert not Call.objects.exists() and not Complaint.objects.exists()
