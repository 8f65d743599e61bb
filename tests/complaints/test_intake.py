"""The one intake service every channel calls."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import intake
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Citizen, Complaint, ComplaintEvent
from complaints.values import references

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Asia/Bahrain"))


def a_request(**overrides):
    values = dict(
        channel=Complaint.Channel.WEB,
        subject="تسرب مياه في سقف الوحدة",
        body="يتسرب الماء من سقف غرفة النوم منذ شهرين في وحدتي بمدينة حمد.",
        citizen=CitizenDetails(name="فاطمة علي حسن", cpr="٨٥٠٤١٢٣٤٥", mobile="3912 3456"),
    )
    values.update(overrides)
    return IntakeRequest(**values)


def test_a_complaint_is_stored_with_reference_due_date_and_first_event():
    result = intake.receive(a_request(), now=NOW)

    complaint = result.complaint
    assert result.created
    assert references.is_valid(complaint.reference)
    assert complaint.status == Complaint.Status.NEW
    assert complaint.received_at == NOW
    assert complaint.due_at == NOW + timedelta(days=30)
    assert complaint.citizen.cpr == "850412345"
    assert complaint.contact_mobile == "+97339123456"
    event = complaint.events.get()
    assert (event.kind, event.to_status, event.is_public) == (ComplaintEvent.Kind.SUBMITTED, "new", True)


def test_the_categorys_own_figure_sets_the_due_date(maintenance_category):
    maintenance_category.sla_days = 14
    maintenance_category.save()

    complaint = intake.receive(a_request(category=maintenance_category), now=NOW).complaint

    assert complaint.due_at == NOW + timedelta(days=14)


def test_the_channels_time_of_receipt_is_kept():
    letter_day = NOW - timedelta(days=3)
    complaint = intake.receive(a_request(channel=Complaint.Channel.TAHT_AMRAK, received_at=letter_day),
                               now=NOW).complaint
    assert complaint.received_at == letter_day
    assert complaint.due_at == letter_day + timedelta(days=30)


def test_the_same_delivery_twice_makes_one_complaint():
    first = intake.receive(a_request(channel=Complaint.Channel.TAWASUL, external_reference="TW-2026-118"), now=NOW)
    second = intake.receive(a_request(channel=Complaint.Channel.TAWASUL, external_reference="TW-2026-118"), now=NOW)

    assert first.created and not second.created
    assert second.complaint.pk == first.complaint.pk
    assert Complaint.objects.count() == 1
    assert ComplaintEvent.objects.count() == 1


def test_the_same_external_reference_on_another_channel_is_another_complaint():
    intake.receive(a_request(channel=Complaint.Channel.TAWASUL, external_reference="118"), now=NOW)
    intake.receive(a_request(channel=Complaint.Channel.SOCIAL_MEDIA, external_reference="118"), now=NOW)
    assert Complaint.objects.count() == 2


def test_a_new_delivery_is_stored_without_looking_for_a_repeat_first(monkeypatch):
    """Most deliveries are new: the unique constraint finds a repeat, not a look-up before each insert."""
    monkeypatch.setattr(intake, "_existing", lambda request: pytest.fail("looked for a repeat"))

    result = intake.receive(a_request(channel=Complaint.Channel.TAWASUL, external_reference="TW-10"), now=NOW)

    assert result.created


def test_a_duplicate_that_slips_past_the_first_check_is_still_caught(monkeypatch):
    """Two deliveries racing: the look-up after the refused insert misses the other's row once;
    the next attempt finds it."""
    first = intake.receive(a_request(channel=Complaint.Channel.TAWASUL, external_reference="TW-9"), now=NOW)
    real_existing = intake._existing
    calls = []

    def miss_first_time(request):
        calls.append(request)
        return None if len(calls) == 1 else real_existing(request)

    monkeypatch.setattr(intake, "_existing", miss_first_time)
    second = intake.receive(a_request(channel=Complaint.Channel.TAWASUL, external_reference="TW-9"), now=NOW)

    assert not second.created
    assert second.complaint.pk == first.complaint.pk
    assert Complaint.objects.count() == 1


def test_a_reference_collision_draws_another_number(monkeypatch):
    taken = intake.receive(a_request(), now=NOW).complaint.reference
    fresh = references.new_reference(2026)
    drawn = iter([taken, fresh])
    monkeypatch.setattr(references, "new_reference", lambda year: next(drawn))

    complaint = intake.receive(a_request(), now=NOW).complaint

    assert complaint.reference == fresh


def test_a_citizen_is_found_by_cpr_and_not_overwritten_by_a_later_form():
    intake.receive(a_request(), now=NOW)
    later = CitizenDetails(name="Someone Else", cpr="850412345", mobile="36001122", email="f@example.com")
    complaint = intake.receive(a_request(citizen=later), now=NOW).complaint

    citizen = Citizen.objects.get()
    assert complaint.citizen == citizen
    assert citizen.name == "فاطمة علي حسن"
    # A web form proves nothing about who typed the CPR: its contact details stay on its complaint
    # (test_citizen_record_and_contact_details.py).
    assert (citizen.mobile, citizen.email) == ("", "")
    assert complaint.contact_mobile == "+97336001122"  # this complaint is answered where it asked


def test_bad_input_is_refused_field_by_field_and_nothing_is_stored():
    request = a_request(subject=" ", body="", citizen=CitizenDetails(name="", cpr="12", mobile="1712", email="x@"))

    with pytest.raises(ValidationError) as error:
        intake.receive(request, now=NOW)

    assert set(error.value.message_dict) == {"subject", "body", "name", "cpr", "mobile", "email"}
    assert not Complaint.objects.exists()
    assert not Citizen.objects.exists()


def test_messages_are_in_arabic_for_an_arabic_user():
    from django.utils import translation

    with translation.override("ar"):
        with pytest.raises(ValidationError) as error:
            intake.receive(a_request(subject=""), now=NOW)
        # Read while Arabic is active: the messages are lazy, and an earlier test may leave English on.
        assert error.value.message_dict["subject"] == ["أدخل موضوع الرسالة."]


def test_a_text_too_long_is_refused_with_the_limit_in_the_users_language():
    from django.utils import translation

    for language, subject_message, body_message in (
            ("en", "Keep the subject under 200 characters.", "Keep the details under 10000 characters."),
            ("ar", "يجب ألا يتجاوز الموضوع 200 حرفًا.", None)):
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                intake.receive(a_request(subject="س" * 201, body="ت" * 10_001), now=NOW)
            assert error.value.message_dict["subject"] == [subject_message]
            if body_message:
                assert error.value.message_dict["body"] == [body_message]
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("field", ["channel", "kind", "language"])
def test_unknown_choices_are_refused(field):
    with pytest.raises(ValidationError) as error:
        intake.receive(a_request(**{field: "nonsense"}), now=NOW)
    assert field in error.value.message_dict


def test_an_item_without_a_citizen_is_accepted():
    complaint = intake.receive(a_request(channel=Complaint.Channel.MEDIA, citizen=None), now=NOW).complaint
    assert complaint.citizen is None


def test_intake_sends_nothing_to_the_broker_and_leaves_the_complaint_new_for_beats_routing(
        django_capture_on_commit_callbacks, monkeypatch):
    from complaints import tasks

    for task in (tasks.route_waiting, tasks.reconcile_unrouted, tasks.send_notifications):
        monkeypatch.setattr(task, "apply_async", lambda *args, **kwargs: pytest.fail("a message was sent"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        complaint = intake.receive(a_request(), now=NOW).complaint

    assert callbacks == []
    assert complaint.status == Complaint.Status.NEW


def test_attachments_are_stored_privately_under_a_generated_name(settings):
    upload = SimpleUploadedFile("../../صورة السقف.JPG", b"\xff\xd8\xff\xe0 jpeg", content_type="image/jpeg")

    complaint = intake.receive(a_request(attachments=(upload,)), now=NOW).complaint

    attachment = complaint.attachments.get()
    assert attachment.original_name.endswith("صورة السقف.JPG")
    assert ".." not in attachment.file.name
    assert attachment.file.name.startswith(f"attachments/{complaint.pk}/")
    assert attachment.file.name.endswith(".jpg")
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not stored.is_relative_to(settings.STATIC_ROOT)
    assert stored.read_bytes() == b"\xff\xd8\xff\xe0 jpeg"
    assert stored.stat().st_mode & 0o777 == 0o640
    with pytest.raises(ValueError):
        attachment.file.url  # no public URL exists for a citizen's document
