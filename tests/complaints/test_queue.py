"""The staff queue: open complaints by answer date, SLA badges, filters, a search that ignores
Arabic spelling variants, a bounded number of queries and a count that never scans everything."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import intake, search
from complaints.backoffice import queue_screen as admin_queue
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/complaints/complaint/"


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="supervisor", is_superuser=True))
    return client


def received(subject, body, *, cpr="850412345", mobile="+97339123456"):
    return intake.receive(IntakeRequest(channel=Complaint.Channel.WEB, subject=subject, body=body,
                                        citizen=CitizenDetails(name="فاطمة", cpr=cpr, mobile=mobile))).complaint


def test_the_queue_shows_open_complaints_by_answer_date_with_masked_cpr_and_badges(staff_client, maintenance):
    now = timezone.now()
    late = ComplaintFactory(status=Complaint.Status.ROUTED, department=maintenance, due_at=now - timedelta(days=3))
    soon = ComplaintFactory(status=Complaint.Status.ROUTED, department=maintenance, due_at=now + timedelta(days=2))
    closed = ComplaintFactory(status=Complaint.Status.CLOSED, due_at=now - timedelta(days=9))

    page = staff_client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert page.index(late.display_reference) < page.index(soon.display_reference)
    assert closed.display_reference not in page
    assert "3 days overdue" in page and "portal-sla-late" in page and "portal-sla-soon" in page
    assert late.citizen.cpr not in page and late.citizen.masked_cpr in page


@pytest.mark.parametrize(("state", "expected"), [("overdue", {"late"}), ("due_soon", {"soon"}),
                                                  ("on_time", {"later"}), ("paused", {"paused"})])
def test_sla_filter(staff_client, state, expected):
    now = timezone.now()
    cases = {
        "late": ComplaintFactory(status=Complaint.Status.ROUTED, due_at=now - timedelta(days=1)),
        "soon": ComplaintFactory(status=Complaint.Status.ROUTED, due_at=now + timedelta(days=3)),
        "later": ComplaintFactory(status=Complaint.Status.ROUTED, due_at=now + timedelta(days=20)),
        "paused": ComplaintFactory(status=Complaint.Status.AWAITING_CITIZEN, due_at=now + timedelta(days=5),
                                   sla_paused_at=now),
    }
    page = staff_client.get(QUEUE, {"sla": state}).content.decode()
    assert {name for name, c in cases.items() if c.display_reference in page} == expected


def test_the_first_page_takes_a_bounded_number_of_queries(staff_client, maintenance, django_assert_max_num_queries):
    for _ in range(60):
        ComplaintFactory(status=Complaint.Status.ROUTED, department=maintenance)
    with django_assert_max_num_queries(14):
        response = staff_client.get(QUEUE)
    assert response.status_code == 200


def test_the_count_is_capped(maintenance, monkeypatch):
    monkeypatch.setattr(admin_queue, "COUNT_CAP", 5)
    for _ in range(8):
        ComplaintFactory()
    assert admin_queue.CappedCountPaginator(Complaint.objects.order_by("pk"), 2).count == 6


@pytest.mark.parametrize("typed", ["الإسكان", "الاسكان", "الإِسْكان", "اسكان", "وبالإسكان"])
def test_word_search_ignores_hamza_diacritics_and_particles(typed, ministry):
    wanted = received("طلب وحدة من الإسكان", "أرجو متابعة طلبي لدى وزارة الإسكان")
    received("تسرب مياه", "تسرب في السقف", cpr="900000017")
    assert list(search.search(Complaint.objects.all(), typed)) == [wanted]


def test_several_words_must_all_match(ministry):
    both = received("تسرب مياه في السقف", "منذ شهرين")
    received("تسرب مياه", "في المطبخ", cpr="900000017")
    assert list(search.search(Complaint.objects.all(), "السقف تسرّب")) == [both]


def test_search_by_reference_cpr_and_mobile_in_any_digits(ministry):
    wanted = received("طلب وحدة", "متابعة")
    received("طلب وحدة", "متابعة", cpr="900000017", mobile="+97336666666")
    everything = Complaint.objects.all()
    for typed in (wanted.display_reference, "٨٥٠٤١٢٣٤٥", "850412345", "3912 3456", "+973 3912 3456", "٣٩١٢٣٤٥٦"):
        assert list(search.search(everything, typed)) == [wanted], typed


def test_a_reference_with_a_wrong_check_digit_is_refused_in_the_queue(staff_client, ministry):
    wanted = received("طلب وحدة", "متابعة")
    wrong = wanted.reference[:-1] + str((int(wanted.reference[-1]) + 1) % 10)
    page = staff_client.get(QUEUE, {"q": wrong}).content.decode()
    assert "is not a valid reference" in page or "ليس رقماً مرجعياً صحيحاً" in page or wanted.display_reference not in page
    assert wanted.display_reference not in page


def test_the_search_text_is_written_at_intake(ministry):
    complaint = received("الإسكان", "تَسرُّب")
    assert complaint.search_text.text == " اسكان تسرب"


def test_a_common_word_searches_the_newest_matches_and_says_so(staff_client, ministry, monkeypatch):
    monkeypatch.setattr(search, "WORD_MATCH_LIMIT", 3)
    sent = [received("تسرب مياه", f"في الشقة رقم {n}", cpr=f"90000001{n}") for n in range(5)]

    found = search.find(Complaint.objects.all(), "تسرب")
    page = staff_client.get(QUEUE, {"q": "تسرب"}, headers={"Accept-Language": "en"}).content.decode()

    assert found.truncated and set(found.complaints) == set(sent[-3:])
    assert "the newest 3 are searched" in page


def test_the_newest_matches_are_found_window_by_window(ministry, monkeypatch):
    monkeypatch.setattr(search, "FIRST_WINDOW", 2)
    wanted = [received("تسرب مياه", f"الشقة {n}", cpr=f"90000002{n}") for n in range(4)]
    for n in range(6):
        received("علاوة السكن", f"طلب {n}", cpr=f"90000003{n}")
    newest_first = sorted((c.pk for c in wanted), reverse=True)
    assert search.matching_complaint_ids(["تسرب"], limit=3) == newest_first[:3]
    assert search.matching_complaint_ids(["تسرب"], limit=10) == newest_first
    assert search.matching_complaint_ids(["مفقود"], limit=10) == []
