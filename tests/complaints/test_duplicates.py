"""The same citizen writing about the same matter through two channels: flagged when routed,
then linked, merged or dismissed by staff; a merged complaint's reference still tracks the case."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.routing import engine
from complaints import duplicates, intake
from complaints.errors import DomainError
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, ComplaintEvent, DuplicateFlag, SlaClock
from tests.factories import ComplaintFactory, UserFactory
from tests.support.tracking import ask_for_code, deliver_codes, type_code

pytestmark = pytest.mark.django_db
LEAK = "تسرب مياه من سقف الشقة في مدينة عيسى منذ شهرين ولم يصلح"
LEAK_AGAIN = "ما زال تسرّب المياه من السقف في شقتي بمدينة عيسى"


def send(channel, *, subject="تسرب مياه", body=LEAK, cpr="850412345", mobile="+97339123456", received_at=None, reference=""):
    result = intake.receive(IntakeRequest(
        channel=channel, subject=subject, body=body, external_reference=reference, received_at=received_at,
        citizen=CitizenDetails(name="فاطمة علي حسن", cpr=cpr, mobile=mobile),
    ))
    engine.route_complaints([result.complaint.pk])
    return Complaint.objects.get(pk=result.complaint.pk)


@pytest.fixture
def web_then_call(ministry):
    first = send(Complaint.Channel.WEB, received_at=timezone.now() - timedelta(days=12))
    second = send(Complaint.Channel.CALL_CENTRE, body=LEAK_AGAIN, reference="CALL-1")
    return first, second


@pytest.fixture
def supervisor(db):
    return UserFactory(username="supervisor", is_superuser=True)


def test_the_same_citizen_on_the_same_matter_through_two_channels_is_flagged(web_then_call):
    first, second = web_then_call
    flag = DuplicateFlag.objects.get()
    assert (flag.complaint, flag.original, flag.reason, flag.state) == (
        second, first, DuplicateFlag.Reason.SAME_CPR, DuplicateFlag.State.FLAGGED)
    assert flag.similarity >= duplicates.SAME_WORDING_IN_SAME_AREA


def test_the_same_mobile_without_a_cpr_is_flagged_too(ministry):
    first = ComplaintFactory(citizen=None, contact_mobile="+97336000111", body=LEAK,
                             received_at=timezone.now() - timedelta(days=3))
    second = ComplaintFactory(citizen=None, contact_mobile="+97336000111", body=LEAK_AGAIN,
                              channel=Complaint.Channel.SOCIAL_MEDIA)
    engine.route_complaints([first.pk, second.pk])
    assert DuplicateFlag.objects.get().reason == DuplicateFlag.Reason.SAME_MOBILE


@pytest.mark.parametrize("other", ["another citizen", "another matter", "older than 30 days"])
def test_what_is_not_flagged(ministry, other):
    send(Complaint.Channel.WEB, received_at=timezone.now() - timedelta(days=31 if other == "older than 30 days" else 2))
    send(Complaint.Channel.CALL_CENTRE, reference="CALL-2",
         cpr="900000017" if other == "another citizen" else "850412345",
         mobile="+97333333333" if other == "another citizen" else "+97339123456",
         subject="علاوة السكن" if other == "another matter" else "تسرب مياه",
         body="أرغب في الاستفسار عن موعد صرف علاوة السكن لشهر نوفمبر" if other == "another matter" else LEAK_AGAIN)
    assert not DuplicateFlag.objects.exists()


def test_routing_again_flags_a_pair_once(web_then_call):
    first, second = web_then_call
    duplicates.flag_likely_duplicates([second, first])
    assert DuplicateFlag.objects.count() == 1


def test_a_batch_is_compared_in_two_queries(ministry, django_assert_max_num_queries):
    batch = [ComplaintFactory(body=LEAK) for _ in range(20)]
    with django_assert_max_num_queries(2):
        duplicates.flag_likely_duplicates(batch)
    assert DuplicateFlag.objects.count() == 0  # each has its own citizen


def test_merging_keeps_the_earlier_clock_and_every_reference(web_then_call, supervisor):
    first, second = web_then_call
    due_before = first.due_at

    duplicates.merge_flagged(DuplicateFlag.objects.get(), by=supervisor)

    first.refresh_from_db(), second.refresh_from_db()
    assert (second.status, second.master) == (Complaint.Status.MERGED, first)
    assert first.due_at == due_before and first.status == Complaint.Status.ROUTED
    assert SlaClock.objects.get(complaint=second).next_action_at is None  # one clock runs: the earlier one's
    merged_in = first.events.get(kind=ComplaintEvent.Kind.DUPLICATE_MERGED)
    assert merged_in.data == {"reference": second.reference, "channel": "call_centre", "external_reference": "CALL-1"}
    assert merged_in.actor == supervisor
    assert second.events.filter(to_status=Complaint.Status.MERGED, actor=supervisor).exists()
    assert DuplicateFlag.objects.get().state == DuplicateFlag.State.MERGED
    assert duplicates.merged_references(first) == [second]


def test_tracking_a_merged_complaints_reference_shows_the_case_it_joined(client, web_then_call, supervisor):
    first, second = web_then_call
    duplicates.merge(duplicate=second, into=first, by=supervisor)

    response = client.post("/en/track/", {"reference": second.display_reference, "mobile_last_digits": "3456"})

    assert response["Location"] == f"/en/track/{first.reference}/"
    ask_for_code(client, first, language="en")
    [code] = deliver_codes()
    type_code(client, first, code, language="en")
    page = client.get(response["Location"]).content.decode()
    assert first.display_reference in page and second.display_reference in page
    assert "Call centre 80008001" in page
    assert f"Your other message on the same matter ({second.display_reference}) was joined to this case." in page


def test_a_case_merged_into_another_brings_its_own_merged_complaints(ministry, supervisor):
    a, b, c = (ComplaintFactory(body=LEAK, citizen=ComplaintFactory().citizen) for _ in range(3))
    Complaint.objects.update(citizen=a.citizen)
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    duplicates.merge(duplicate=a, into=b, by=supervisor)
    duplicates.merge(duplicate=b, into=c, by=supervisor)
    assert list(Complaint.objects.filter(master=c).order_by("pk")) == [a, b]
    assert duplicates.case_shown_for(Complaint.objects.get(pk=a.pk)) == c


@pytest.mark.parametrize(("setup", "message"), [
    ("another citizen", "Only complaints from the same citizen can be merged"),
    ("closed target", "is no longer open"),
    ("itself", "cannot be merged into itself"),
])
def test_merges_that_are_refused(web_then_call, supervisor, setup, message):
    first, second = web_then_call
    if setup == "another citizen":
        second = ComplaintFactory(body=LEAK_AGAIN)
    if setup == "closed target":
        Complaint.objects.filter(pk=first.pk).update(status=Complaint.Status.CLOSED)
    with pytest.raises(DomainError, match=message):
        duplicates.merge(duplicate=first if setup == "itself" else second, into=first, by=supervisor)
    assert Complaint.objects.get(pk=second.pk).status != Complaint.Status.MERGED


def test_linking_notes_each_complaint_on_the_others_timeline(web_then_call, supervisor):
    first, second = web_then_call
    duplicates.link(DuplicateFlag.objects.get(), by=supervisor)
    assert first.events.get(kind=ComplaintEvent.Kind.DUPLICATE_LINKED).data["reference"] == second.reference
    assert second.events.get(kind=ComplaintEvent.Kind.DUPLICATE_LINKED).data["reference"] == first.reference
    assert Complaint.objects.filter(status=Complaint.Status.MERGED).count() == 0


def test_dismissing_needs_a_reason_and_a_flag_is_decided_once(web_then_call, supervisor):
    flag = DuplicateFlag.objects.get()
    with pytest.raises(DomainError):
        duplicates.dismiss(flag, by=supervisor, note="  ")
    duplicates.dismiss(flag, by=supervisor, note="Two different flats")
    with pytest.raises(DomainError, match="already decided"):
        duplicates.link(DuplicateFlag.objects.get(), by=supervisor)
    assert DuplicateFlag.objects.get().note == "Two different flats"


def test_staff_decide_in_admin_side_by_side(client, web_then_call, supervisor):
    first, second = web_then_call
    flag = DuplicateFlag.objects.get()
    client.force_login(supervisor)
    url = f"/admin/complaints/duplicateflag/{flag.pk}/change/"

    page = client.get(url).content.decode()
    assert first.display_reference in page and second.display_reference in page and "CALL-1" in page

    refused = client.post(url, {"decision": "dismiss", "note": ""}, headers={"Accept-Language": "en"})
    assert refused.status_code == 400 and "Say why these are not the same matter." in refused.content.decode()

    merged = client.post(url, {"decision": "merge"})
    assert merged.status_code == 302
    assert Complaint.objects.get(pk=second.pk).master == first
    case_page = client.get(f"/admin/complaints/complaint/{first.pk}/change/").content.decode()
    assert second.display_reference in case_page
