"""The service centre's walk-in screen: the agent finds the citizen by CPR, records the complaint
through the intake service once however often the form is sent, and prints the citizen a slip."""

import uuid
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from channels_intake.walk_in import counter as walk_in_service
from channels_intake.walk_in import walk_in_form
from channels_intake.walk_in.counter import CitizenFile
from complaints.intake import CitizenDetails
from complaints.models import Citizen, Complaint, ComplaintEvent, Notification
from complaints.notifications import to_citizens
from complaints.notifications.sms import MemoryBackend
from complaints.security.roles import ensure_role_groups
from tests.factories import ComplaintFactory, UserFactory

SCREEN = "/admin/channels_intake/walkincomplaint/add/"
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def agent(db):
    """Huda, at the counter of the Isa Town service centre's complaints unit."""
    user = UserFactory(username="agent.huda", first_name="Huda")
    user.groups.add(ensure_role_groups()["complaints-unit-agent"])
    return user


@pytest.fixture
def counter(client, agent):
    client.force_login(agent)
    return client


def photo(name="ceiling.png"):
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def walk_in(**overrides):
    values = {"token": uuid.uuid4().hex, "filled_from": "", "cpr": "850412345", "name": "فاطمة علي حسن",
              "mobile": "39123456", "email": "", "language": "ar", "kind": "complaint",
              "subject": "تسرب مياه في سقف الوحدة", "body": "يتسرب الماء من سقف غرفة النوم منذ شهرين.",
              "category": "", "housing_application_number": "", "record": "1"}
    values.update(overrides)
    return {name: value for name, value in values.items() if value is not None}


def test_the_agent_finds_a_citizen_by_cpr_and_sees_their_recent_complaints_in_a_few_queries(
        counter, fatima, maintenance, django_assert_max_num_queries):
    now = timezone.now()
    for days_ago in range(25):
        ComplaintFactory(citizen=fatima, department=maintenance, subject=f"شكوى رقم {days_ago}",
                         received_at=now - timedelta(days=days_ago), status=Complaint.Status.ROUTED)

    with django_assert_max_num_queries(12):
        response = counter.post(SCREEN, walk_in(cpr="850412345", find_citizen="1", record=None,
                                                name="", mobile=""), **ENGLISH)

    html = response.content.decode()
    assert response.status_code == 200
    assert "فاطمة علي حسن" in html and "+97339123456" in html
    assert html.count("<tr><td>") == 20                       # the most recent 20 only
    assert "شكوى رقم 0<" in html and "شكوى رقم 19<" in html and "شكوى رقم 20<" not in html
    assert html.index("شكوى رقم 0<") < html.index("شكوى رقم 19<")
    assert "Routed" in html and maintenance.name_en in html
    assert "يتسرب الماء من سقف غرفة النوم منذ شهرين." in html    # the complaint text survives the lookup
    assert "errorlist" not in html


def test_a_cpr_in_arabic_indic_digits_finds_the_same_citizen(counter, fatima):
    ComplaintFactory(citizen=fatima, subject="طلب صيانة المكيف")

    response = counter.post(SCREEN, walk_in(cpr="٨٥٠٤١٢٣٤٥", find_citizen="1", record=None, name=""), **ENGLISH)

    html = response.content.decode()
    assert "طلب صيانة المكيف" in html and 'value="850412345"' in html
    assert 'value="فاطمة علي حسن"' in html


def test_the_query_count_does_not_grow_with_the_citizens_history(counter, fatima, maintenance,
                                                                  django_assert_num_queries):
    ComplaintFactory(citizen=fatima, department=maintenance)
    with CaptureQueriesContext(connection) as one:
        counter.post(SCREEN, walk_in(find_citizen="1", record=None), **ENGLISH)
    for _ in range(10):
        ComplaintFactory(citizen=fatima, department=maintenance)
    with django_assert_num_queries(len(one.captured_queries)):
        counter.post(SCREEN, walk_in(find_citizen="1", record=None), **ENGLISH)


def test_an_unknown_cpr_asks_the_agent_for_the_citizens_details(counter, db):
    response = counter.post(SCREEN, walk_in(cpr="911223344", name="", mobile="", find_citizen="1", record=None),
                            **ENGLISH)

    html = response.content.decode()
    assert 'id="citizen-unknown"' in html and "No citizen has this CPR yet" in html
    assert "يتسرب الماء من سقف غرفة النوم منذ شهرين." in html


def test_a_malformed_cpr_is_refused_beside_the_field_and_the_text_is_kept(counter, db):
    response = counter.post(SCREEN, walk_in(cpr="8504", find_citizen="1", record=None), **ENGLISH)

    html = response.content.decode()
    assert "Enter the 9 digits of your CPR" in html and "يتسرب الماء من سقف غرفة النوم منذ شهرين." in html
    assert not Complaint.objects.exists()


def citizen_file(**details):
    return CitizenFile(citizen=Citizen(cpr="850412345", **details), earlier_complaints=[])


@pytest.mark.parametrize(("typed", "found", "expected"), [
    # empty fields take what the ministry holds
    ({"name": "", "mobile": "", "email": "", "filled_from": ""},
     citizen_file(name="فاطمة", mobile="+97339123456", email="f@example.com"),
     {"name": "فاطمة", "mobile": "+97339123456", "email": "f@example.com", "filled_from": "850412345"}),
    # what the agent typed is kept
    ({"name": "فاطمة علي", "mobile": "36000000", "email": "", "filled_from": ""},
     citizen_file(name="فاطمة", mobile="+97339123456", email=""),
     {"name": "فاطمة علي", "mobile": "36000000", "email": "", "filled_from": "850412345"}),
    # details filled in from another citizen's record are replaced
    ({"name": "عبدالله", "mobile": "+97336111111", "email": "a@example.com", "filled_from": "750612345"},
     citizen_file(name="فاطمة", mobile="+97339123456", email=""),
     {"name": "فاطمة", "mobile": "+97339123456", "email": "", "filled_from": "850412345"}),
    # ... and cleared when the new CPR is unknown
    ({"name": "عبدالله", "mobile": "+97336111111", "email": "", "filled_from": "750612345"}, None,
     {"name": "", "mobile": "", "email": "", "filled_from": ""}),
    # an unknown CPR keeps what the agent typed
    ({"name": "علي", "mobile": "36000000", "email": "", "filled_from": ""}, None,
     {"name": "علي", "mobile": "36000000", "email": "", "filled_from": ""}),
])
def test_what_a_lookup_fills_in(typed, found, expected):
    values = walk_in_form.values_after_lookup(typed, "850412345", found)
    assert {name: values[name] for name in expected} == expected


def test_a_lookup_suggests_the_language_the_citizen_prefers(fatima, counter):
    Citizen.objects.filter(pk=fatima.pk).update(preferred_language="en")
    response = counter.post(SCREEN, walk_in(language="ar", find_citizen="1", record=None), **ENGLISH)
    assert response.context["form"]["language"].value() == "en"


def test_the_agent_records_a_complaint_through_the_intake_service(counter, agent, fatima):
    before = timezone.now()
    response = counter.post(SCREEN, walk_in(files=photo()), **ENGLISH)

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/channels_intake/walkincomplaint/{complaint.pk}/received/"
    assert complaint.channel == Complaint.Channel.SERVICE_CENTRE
    assert complaint.citizen == fatima and complaint.contact_mobile == "+97339123456"
    first_event = complaint.events.get()
    assert first_event.kind == ComplaintEvent.Kind.SUBMITTED and first_event.actor == agent
    assert before + timedelta(days=30) <= complaint.due_at <= timezone.now() + timedelta(days=30)
    assert complaint.attachments.get().original_name == "ceiling.png"

    confirmation = counter.get(response["Location"], **ENGLISH).content.decode()
    assert f'<p class="walk-in-reference"><bdi dir="ltr">{complaint.display_reference}</bdi></p>' in confirmation
    assert 'receives this reference by SMS on <bdi dir="ltr">+97339123456</bdi>' in confirmation


def test_a_new_citizen_is_recorded_with_the_details_the_agent_entered(counter, db):
    counter.post(SCREEN, walk_in(cpr="٩١١٢٢٣٣٤٤", name="John Smith", mobile="36 000 001", email="john@example.com",
                                 language="en", kind="inquiry", housing_application_number="2019-4411"))

    complaint = Complaint.objects.get()
    assert (complaint.citizen.cpr, complaint.citizen.name, complaint.citizen.email) == (
        "911223344", "John Smith", "john@example.com")
    assert (complaint.kind, complaint.language, complaint.housing_application_number) == (
        "inquiry", "en", "2019-4411")


def test_the_same_form_sent_twice_makes_one_complaint(counter):
    form = walk_in()
    first = counter.post(SCREEN, form, **ENGLISH)
    second = counter.post(SCREEN, form, **ENGLISH)

    assert Complaint.objects.count() == 1
    assert first["Location"] == second["Location"]
    page = counter.get(second["Location"], **ENGLISH).content.decode()
    assert "This form was already sent" in page


def test_a_new_form_is_a_new_complaint(counter):
    counter.post(SCREEN, walk_in())
    counter.post(SCREEN, walk_in())
    assert Complaint.objects.count() == 2


def test_refused_input_is_shown_with_everything_the_agent_entered(counter):
    form = walk_in(mobile="1712", subject="", housing_application_number="2019-4411")
    response = counter.post(SCREEN, {**form, "files": photo()}, **ENGLISH)

    html = response.content.decode()
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert "Enter a Bahraini mobile number" in html and "errorlist" in html
    assert "يتسرب الماء من سقف غرفة النوم منذ شهرين." in html
    for kept in ('value="850412345"', 'value="1712"', 'value="2019-4411"', "ceiling.png"):
        assert kept in html

    counter.post(SCREEN, {**form, "mobile": "39123456", "subject": "تسرب مياه"})   # files are not chosen again
    assert Complaint.objects.get().attachments.get().original_name == "ceiling.png"


def test_a_file_that_is_not_a_pdf_or_image_is_refused(counter):
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = counter.post(SCREEN, {**walk_in(), "files": fake}, **ENGLISH)
    assert "is not a PDF, JPEG or PNG file" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_slip_prints_in_arabic_right_to_left(counter):
    counter.post(SCREEN, walk_in(language="ar"))
    complaint = Complaint.objects.get()

    html = counter.get(f"/admin/channels_intake/walkincomplaint/{complaint.pk}/slip/", **ENGLISH).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert complaint.display_reference in html
    with translation.override("ar"):
        due = formats.date_format(timezone.localtime(complaint.due_at), "j F Y")
    assert due in html
    assert "/ar/track/" in html and "80008001" in html
    assert "css/walk_in_slip.css" in html


def test_the_slip_prints_in_english_left_to_right(counter):
    counter.post(SCREEN, walk_in(language="en", name="John Smith"))
    complaint = Complaint.objects.get()

    html = counter.get(f"/admin/channels_intake/walkincomplaint/{complaint.pk}/slip/").content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert complaint.display_reference in html
    assert timezone.localtime(complaint.due_at).strftime("%-d %B %Y") in html
    assert "http://testserver/en/track/" in html and "80008001" in html
    assert "Kingdom of Bahrain — Ministry of Housing" in html


def test_the_agent_may_print_the_slip_in_the_other_language(counter):
    counter.post(SCREEN, walk_in(language="ar"))
    complaint = Complaint.objects.get()
    html = counter.get(f"/admin/channels_intake/walkincomplaint/{complaint.pk}/slip/?language=en").content.decode()
    assert '<html lang="en" dir="ltr">' in html and "/en/track/" in html


def test_the_citizen_gets_the_reference_by_sms_when_a_mobile_is_given(counter):
    counter.post(SCREEN, walk_in(mobile="39123456"))
    complaint = Complaint.objects.get()

    sms = Notification.objects.get(channel=Notification.Channel.SMS)
    assert (sms.kind, sms.recipient) == (Notification.Kind.ACKNOWLEDGEMENT, "+97339123456")
    to_citizens.send(sms.pk)
    assert MemoryBackend.outbox[0].to == "+97339123456"
    assert complaint.display_reference in MemoryBackend.outbox[0].text


def test_no_sms_without_a_mobile(counter):
    counter.post(SCREEN, walk_in(mobile=""))
    assert Complaint.objects.exists() and not Notification.objects.exists()


def test_the_sms_speaks_the_language_the_citizen_asked_for_at_the_counter(counter, fatima):
    counter.post(SCREEN, walk_in(language="en"))

    fatima.refresh_from_db()
    assert fatima.preferred_language == "en"
    sms = Notification.objects.get(channel=Notification.Channel.SMS)
    assert sms.language == "en"


def test_the_complaints_list_links_to_the_walk_in_screen(counter):
    html = counter.get("/admin/complaints/complaint/", **ENGLISH).content.decode()
    assert f'href="{SCREEN}"' in html


def test_staff_without_the_complaints_unit_role_are_refused(client, db):
    call_centre = UserFactory(username="agent.omar")
    call_centre.groups.add(ensure_role_groups()["call-centre-agent"])
    client.force_login(call_centre)
    complaint = ComplaintFactory(channel=Complaint.Channel.SERVICE_CENTRE)

    assert client.get(SCREEN).status_code == 403
    assert client.post(SCREEN, walk_in()).status_code == 403
    assert client.get(f"/admin/channels_intake/walkincomplaint/{complaint.pk}/slip/").status_code == 403
    assert client.get(f"/admin/channels_intake/walkincomplaint/{complaint.pk}/received/").status_code == 403
    assert Complaint.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(SCREEN)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.post(SCREEN, walk_in())["Location"].startswith("/admin/login/")
    assert not Complaint.objects.exists()


def test_a_double_click_racing_the_first_shows_the_first_complaint(counter, monkeypatch):
    form = walk_in()
    counter.post(SCREEN, {**form, "subject": "", "files": photo()})           # the photo is held
    stale_session = dict(counter.session["walk_in_files"])
    first = counter.post(SCREEN, form)                                         # recorded; held photo let go
    session = counter.session
    session["walk_in_files"] = stale_session                                   # the second click's view of it
    session.save()
    real_received_with = walk_in_service.received_with
    calls = []

    def not_yet_the_first_time(token):
        calls.append(token)
        return None if len(calls) == 1 else real_received_with(token)

    monkeypatch.setattr(walk_in_service, "received_with", not_yet_the_first_time)
    second = counter.post(SCREEN, form)

    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert Complaint.objects.count() == 1


def test_the_intake_service_itself_refuses_a_second_complaint_from_the_same_form(agent, db):
    details = {"token": uuid.uuid4().hex, "kind": "complaint", "subject": "تسرب مياه", "body": "يتسرب الماء.",
               "language": "ar", "by": agent,
               "citizen": CitizenDetails(name="فاطمة علي حسن", cpr="850412345", mobile="+97339123456")}

    first = walk_in_service.receive_complaint(**details)
    second = walk_in_service.receive_complaint(**details)

    assert first.created and not second.created and first.complaint == second.complaint
