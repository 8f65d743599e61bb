"""Press, radio and TV items: logged by monitors with a checked clipping, forwarded to a
department directly or turned into one complaint that takes the item to its department."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from channels_intake.media import media_items
from channels_intake.models import MediaItem
from complaints.routing import engine
from complaints import services
from complaints.models import Complaint
from complaints.security import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads" / "media"
ITEMS = "/admin/channels_intake/mediaitem/"


@pytest.fixture
def monitor(client):
    user = UserFactory(username="monitor.noor")
    user.groups.add(roles.ensure_role_groups()["media-monitor"])
    client.force_login(user)
    return user


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (PAYLOADS / name).read_bytes())


def item_fields(name="item_print_arabic.json", **overrides) -> dict:
    fields = json.loads((PAYLOADS / name).read_text())
    fields.update(overrides)
    return fields


def logged_item(monitor, name="item_print_arabic.json", clipping="clipping_alayam_p5.png", **overrides) -> MediaItem:
    fields = item_fields(name, **overrides)
    if clipping:
        stored = upload(clipping)
        fields.update(clipping=stored, clipping_name=clipping,
                      clipping_type="image/png" if clipping.endswith(".png") else "application/pdf")
    created = MediaItem.objects.create(logged_by=monitor, logged_at=timezone.now(), **fields)
    return MediaItem.objects.get(pk=created.pk)


def test_a_monitor_logs_an_item_with_its_clipping_kept_privately(client, monitor):
    response = client.post(f"{ITEMS}add/", item_fields(clipping=upload("clipping_alayam_p5.png")))

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    item = MediaItem.objects.get()
    assert (item.outlet, item.medium, item.logged_by) == ("صحيفة الأيام", "print", monitor)
    assert item.clipping.name.startswith("media/") and "alayam" not in item.clipping.name
    assert (item.clipping_name, item.clipping_type) == ("clipping_alayam_p5.png", "image/png")
    assert item.department is None and item.complaint is None
    # The change page opens although a private file has no URL to link to.
    page = client.get(f"{ITEMS}{item.pk}/change/")
    assert page.status_code == 200 and "clipping_alayam_p5.png" in page.content.decode()


def test_a_radio_item_needs_no_clipping(client, monitor):
    fields = item_fields("item_tv_english.json", medium="radio")
    assert client.post(f"{ITEMS}add/", fields).status_code == 302
    assert not MediaItem.objects.get().clipping


@pytest.mark.parametrize("problem", ["wrong type", "oversized"])
def test_a_clipping_of_the_wrong_type_or_too_large_is_refused_and_nothing_is_stored(client, monitor, monkeypatch,
                                                                                   problem):
    if problem == "oversized":
        monkeypatch.setattr("complaints.files.uploads.MAX_BYTES", 100)
        clipping = upload("clipping_alayam_p5.png")
    else:
        clipping = upload("clipping_not_a_pdf.pdf")

    response = client.post(f"{ITEMS}add/", item_fields(clipping=clipping), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["clipping"]
    assert ("larger than" if problem == "oversized" else "not a PDF, JPEG or PNG") in errors[0]
    assert not MediaItem.objects.exists()


def test_the_complaint_form_is_prefilled_from_the_item(client, monitor):
    item = logged_item(monitor)
    form = client.get(f"{ITEMS}{item.pk}/convert/").context["form"]

    assert form.initial["subject"] == item.headline
    assert form.initial["body"].startswith(item.excerpt)
    assert "صحيفة الأيام" in form.initial["body"] and "صفحة 5 - محليات" in form.initial["body"]
    assert form.initial["language"] == "ar"


def convert(client, item, **overrides):
    fields = {**media_items.complaint_draft(item), "category": "", "name": "", "cpr": "", "mobile": ""}
    fields.update(overrides)
    return client.post(f"{ITEMS}{item.pk}/convert/", fields)


def test_an_item_becomes_one_media_complaint_with_the_clipping_attached(client, monitor, ministry,
                                                                        maintenance_category):
    item = logged_item(monitor)
    response = convert(client, item, category=maintenance_category.pk)
    convert(client, item, subject="again")

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.MEDIA
    assert complaint.external_reference == f"media:{item.pk}"
    assert complaint.received_at == item.logged_at
    attachment = complaint.attachments.get()
    assert (attachment.original_name, attachment.content_type) == ("clipping_alayam_p5.png", "image/png")
    assert attachment.file.read() == (PAYLOADS / "clipping_alayam_p5.png").read_bytes()
    assert attachment.file.name != item.clipping.name
    item.refresh_from_db()
    assert item.complaint == complaint and item.department is None   # not routed yet


def test_a_converted_item_is_forwarded_to_the_department_its_complaint_is_routed_to(monitor, ministry,
                                                                                    maintenance_category):
    item = logged_item(monitor)
    complaint = media_items.convert_item(item=item, by=monitor, subject=item.headline, body=item.excerpt,
                                   category=maintenance_category)
    assert media_items.forward_routed_items() == 0

    engine.route_complaint(complaint.pk)
    assert media_items.forward_routed_items() == 1

    item.refresh_from_db()
    assert item.department == ministry["maintenance"] and item.forwarded_at is not None
    assert media_items.forward_routed_items() == 0


def test_an_item_is_forwarded_directly_once(client, monitor, ministry):
    item = logged_item(monitor, clipping=None)
    response = client.post(f"{ITEMS}{item.pk}/forward/", {"department": ministry["maintenance"].pk})

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.department, item.forwarded_by) == (ministry["maintenance"], monitor)
    with pytest.raises(services.DomainError):
        media_items.forward_item(item=item, department=ministry["complaints_unit"], by=monitor)


def test_a_bad_conversion_keeps_what_was_typed_and_stores_nothing(client, monitor):
    item = logged_item(monitor, clipping=None)
    response = convert(client, item, subject="", body="ما كتبه المراقب")

    assert response.status_code == 200 and "ما كتبه المراقب" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_item_list_shows_each_items_decision_in_a_fixed_number_of_queries(client, monitor, ministry,
                                                                              django_assert_max_num_queries):
    for number in range(20):
        item = logged_item(monitor, clipping=None, headline=f"headline {number}")
        if number % 2:
            media_items.forward_item(item=item, department=ministry["maintenance"], by=monitor)
    with django_assert_max_num_queries(12):
        assert client.get(ITEMS).status_code == 200


def test_logging_time_is_when_the_monitor_saved_it(client, monitor):
    before = timezone.now()
    client.post(f"{ITEMS}add/", item_fields("item_tv_english.json"))
    assert before <= MediaItem.objects.get().logged_at <= timezone.now() + timedelta(seconds=1)
