"""Dates from outside are checked at the door: a Tawasul case dated 0001-01-01, a call or a post
dated 9999-12-31, an Open311 filter in year 1 are refused with a 400 naming the field (staff
forms: a form error), and nothing of them is stored (complaints/values/outside_dates.py)."""

import json
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from channels_intake.models import BoxLetter, Call, InboundItem, MediaItem, SocialPost
from complaints import intake
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint
from complaints.security import roles
from tests.channels_intake.signed_delivery import deliver_signed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads"
YEAR_ONE = "0001-01-01T00:00:00+00:00"
YEAR_9999 = "9999-12-31T23:59:59+00:00"
SECRETS = {"TAWASUL_WEBHOOK_SECRET": "tawasul-secret", "TELEPHONY_WEBHOOK_SECRET": "telephony-secret",
           "SOCIAL_WEBHOOK_SECRET": "social-secret"}


@pytest.fixture(autouse=True)
def secrets(settings):
    for name, value in SECRETS.items():
        setattr(settings, name, value)


def payload(path: str, **changes) -> dict:
    return {**json.loads((PAYLOADS / path).read_text()), **changes}


def deliver(client, url, body: dict, secret_setting):
    return deliver_signed(client, url, json.dumps(body).encode(), secret=SECRETS[secret_setting],
                          headers={"Accept-Language": "en"})


def in_days(days: float) -> str:
    return (timezone.now() + timedelta(days=days)).isoformat()


# --- Machine channels --------------------------------------------------------------------------

@pytest.mark.parametrize("submitted_at", [YEAR_ONE, "1999-12-31T23:00:00+03:00", YEAR_9999, "in two days"])
def test_a_tawasul_case_dated_outside_the_bounds_is_refused_and_nothing_is_stored(client, ministry, submitted_at):
    when = in_days(2) if submitted_at == "in two days" else submitted_at
    case = payload("tawasul/case_arabic_maintenance.json", submitted_at=when)

    response = deliver(client, "/api/v1/intake/tawasul/", case, "TAWASUL_WEBHOOK_SECRET")

    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["submitted_at"]
    assert not Complaint.objects.exists() and not InboundItem.objects.exists()


def test_a_tawasul_case_dated_today_is_still_accepted(client, ministry):
    case = payload("tawasul/case_arabic_maintenance.json", submitted_at=in_days(0))
    assert deliver(client, "/api/v1/intake/tawasul/", case, "TAWASUL_WEBHOOK_SECRET").status_code == 201


def test_a_tawasul_import_refuses_a_case_dated_year_one_and_keeps_the_others(ministry, tmp_path, capsys):
    good = payload("tawasul/case_arabic_maintenance.json")
    poisoned = {**good, "case_number": "TW-2026-0000001", "submitted_at": YEAR_ONE}
    export = tmp_path / "cases.json"
    export.write_text(json.dumps([poisoned, good]))

    call_command("import_tawasul", str(export))

    assert "1 created, 0 already imported, 1 rejected" in capsys.readouterr().out
    assert list(Complaint.objects.values_list("external_reference", flat=True)) == [good["case_number"]]
    assert not InboundItem.objects.filter(external_id="TW-2026-0000001").exists()


@pytest.mark.parametrize("started_at", [YEAR_9999, YEAR_ONE, "2026-13-45T09:14:05+03:00"])
def test_a_call_dated_outside_the_bounds_is_refused(client, started_at):
    call = payload("calls/answered.json", started_at=started_at)

    response = deliver(client, "/api/v1/intake/calls/", call, "TELEPHONY_WEBHOOK_SECRET")

    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["started_at"]
    assert not Call.objects.exists()


@pytest.mark.parametrize("posted_at", [YEAR_9999, YEAR_ONE, "9999-12-31T23:59:59", "2026-02-30T10:00:00+03:00"])
def test_a_social_post_dated_outside_the_bounds_is_refused(client, posted_at):
    post = payload("social/post_arabic_leak.json", posted_at=posted_at)

    response = deliver(client, "/api/v1/intake/social/", post, "SOCIAL_WEBHOOK_SECRET")

    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["posts[0].posted_at"]
    assert not SocialPost.objects.exists()


def test_a_social_import_refuses_a_post_dated_9999_by_its_line(tmp_path, capsys):
    good = payload("social/post_arabic_leak.json")
    export = tmp_path / "posts.json"
    export.write_text(json.dumps([good, {**good, "post_id": "2", "posted_at": YEAR_9999}], indent=1))

    call_command("import_social_posts", str(export))

    out, err = capsys.readouterr()
    assert "1 new, 0 already known, 1 refused" in out and "posted_at" in err
    assert list(SocialPost.objects.values_list("post_id", flat=True)) == [good["post_id"]]


@pytest.mark.parametrize(("name", "value"), [("start_date", "0001-01-01T00:00:00+03:00"),
                                             ("end_date", "9999-12-31T23:59:59-03:00"),
                                             ("start_date", "1999-12-31"), ("end_date", "0001-01-01")])
def test_an_open311_filter_dated_outside_the_bounds_is_refused_naming_it(client, name, value):
    response = client.get("/open311/v2/requests.json", {name: value}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400 and error["description"].startswith(f"{name}: ")


def test_an_open311_filter_within_the_bounds_still_lists(client):
    response = client.get("/open311/v2/requests.json", {"start_date": "2000-01-01T00:00:00+03:00",
                                                        "end_date": in_days(0.5)})
    assert response.status_code == 200 and response.json() == []


def test_the_intake_service_itself_refuses_a_receipt_time_of_year_one(ministry):
    """Whatever a channel forgot to check, routing is never handed such a complaint."""
    with pytest.raises(ValidationError) as refused:
        intake.receive(IntakeRequest(
            channel=Complaint.Channel.TAWASUL, external_reference="TW-1", subject="تسرب", body="تسرب مياه",
            citizen=CitizenDetails(name="مريم", cpr="880512345"),
            received_at=datetime(1, 1, 1, tzinfo=dt_timezone(timedelta(hours=3)))))
    assert list(refused.value.message_dict) == ["received_at"]
    assert not Complaint.objects.exists()


# --- Staff forms ---------------------------------------------------------------------------------

def staff(client, role_code):
    user = UserFactory(username=f"staff.{role_code}")
    user.groups.add(roles.ensure_role_groups()[role_code])
    client.force_login(user)
    return client


@pytest.mark.parametrize("published_on", ["0001-01-01", "9999-12-31"])
def test_a_media_item_published_outside_the_bounds_is_a_form_error(client, published_on):
    fields = payload("media/item_print_arabic.json", published_on=published_on)

    response = staff(client, "media-monitor").post("/admin/channels_intake/mediaitem/add/", fields,
                                                   HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "errorlist" in response.content.decode() and not MediaItem.objects.exists()


def test_a_box_letter_collected_in_year_one_is_a_form_error_in_arabic(client, ministry, django_user_model):
    from tests.channels_intake.test_box_letters import letter

    client.force_login(django_user_model.objects.create_superuser("agent.huda", "huda@housing.gov.bh", "pw"))
    response = client.post("/admin/channels_intake/boxletter/add/", letter(collected_on="0001-01-01"),
                           HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 200
    assert "1 يناير 2000" in response.content.decode()
    assert not BoxLetter.objects.exists() and not Complaint.objects.exists()


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "0001-01-31"), ("9999-12-01", "9999-12-31")])
def test_hotline_statistics_for_a_range_outside_the_bounds_are_a_form_error(client, start, end):
    response = staff(client, "supervisor").get("/admin/channels_intake/call/statistics/",
                                               {"start": start, "end": end}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Give a date" in response.content.decode()
