"""Letters from the "Taht Amrak" box: digitised with their chain of custody, sent to the
minister's office, and the citizen told the reference by SMS."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from channels_intake.models import BoxLetter
from complaints.routing import engine
from complaints.models import Complaint, Notification
from complaints.notifications import to_citizens
from complaints.notifications.sms import MemoryBackend

pytestmark = pytest.mark.django_db


def scanned_letter():
    from PIL import Image

    buffer = BytesIO()
    Image.new("L", (120, 160), "white").save(buffer, "JPEG")
    return SimpleUploadedFile("letter.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("agent.huda", "huda@housing.gov.bh", "pw"))
    return client


def letter(**overrides):
    values = {"box": "مركز خدمة العملاء - مدينة عيسى", "letter_number": "117",
              "collected_on": (timezone.localdate() - timedelta(days=2)).isoformat(), "witnessed_by": "علي حسن",
              "scan": scanned_letter(), "name": "عبدالله محمد", "cpr": "750612345", "mobile": "39112233",
              "language": "ar", "subject": "طلب مقابلة معالي الوزير",
              "text": "أرجو التكرم بالنظر في طلبي الإسكاني المقدم منذ عام 2008، فأنا أسكن مع أسرتي في غرفة واحدة."}
    values.update(overrides)
    return values


def test_a_digitised_letter_goes_to_the_ministers_office_and_the_citizen_gets_the_reference(admin_client, ministry):
    response = admin_client.post("/admin/channels_intake/boxletter/add/", letter())

    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/complaint/{complaint.pk}/change/")
    box_letter = BoxLetter.objects.get()
    assert (box_letter.box, box_letter.witnessed_by, box_letter.opened_by.username) == (
        "مركز خدمة العملاء - مدينة عيسى", "علي حسن", "agent.huda")
    assert complaint.channel == Complaint.Channel.TAHT_AMRAK
    assert complaint.received_at.date() == date.fromisoformat(letter()["collected_on"])   # the SLA runs from the box
    engine.route_complaint(complaint.pk)
    complaint.refresh_from_db()
    assert complaint.department == ministry["ministers_office"]
    for pk in Notification.objects.values_list("pk", flat=True):
        to_citizens.send(pk)
    assert complaint.display_reference in MemoryBackend.outbox[0].text
    assert MemoryBackend.outbox[0].to == "+97339112233"


def test_the_same_letter_entered_twice_is_one_complaint(admin_client, ministry):
    admin_client.post("/admin/channels_intake/boxletter/add/", letter())
    admin_client.post("/admin/channels_intake/boxletter/add/", letter())
    assert Complaint.objects.count() == BoxLetter.objects.count() == 1


def test_a_letter_without_contact_details_is_still_digitised(admin_client, ministry):
    admin_client.post("/admin/channels_intake/boxletter/add/", letter(name="", cpr="", mobile=""))
    assert Complaint.objects.get().citizen is None
    assert not Notification.objects.exists()


@pytest.mark.parametrize(("field", "value"), [
    ("scan", SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")),
    ("mobile", "1712"),
    ("subject", ""),
])
def test_bad_input_is_refused_and_nothing_is_stored(admin_client, ministry, field, value):
    response = admin_client.post("/admin/channels_intake/boxletter/add/", letter(**{field: value}))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Complaint.objects.exists() and not BoxLetter.objects.exists()
