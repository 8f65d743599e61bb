"""The queue's search box posts: a CPR or mobile number typed there is found, and never goes into
a URL (complaints/backoffice/queue_search.py)."""

import pytest

from complaints.models import Complaint
from tests.factories import CitizenFactory, ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/complaints/complaint/"


@pytest.fixture
def staff_browser(client, maintenance):
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


@pytest.fixture
def two_citizens_cases(maintenance):
    mine = ComplaintFactory(citizen=CitizenFactory(cpr="870317733"), department=maintenance,
                            status=Complaint.Status.ROUTED, contact_mobile="+97336617739")
    other = ComplaintFactory(citizen=CitizenFactory(cpr="880101010"), department=maintenance,
                             status=Complaint.Status.ROUTED)
    return mine, other


def test_the_search_box_posts_instead_of_putting_the_words_in_the_url(staff_browser):
    html = staff_browser.get(QUEUE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="changelist-search" method="post" action="/admin/complaints/complaint/search/"' in html
    assert 'method="get"' not in html.split('id="changelist-search"')[1].split("</form>")[0]


@pytest.mark.parametrize("typed", ["870317733", "٨٧٠٣١٧٧٣٣", "3661 7739", "+97336617739"])
def test_a_cpr_or_mobile_is_found_and_stays_out_of_the_url(staff_browser, two_citizens_cases, typed):
    mine, other = two_citizens_cases
    sent = staff_browser.post(f"{QUEUE}search/", {"q": typed, "params": "status=routed"})

    assert sent.status_code == 302
    location = sent["Location"]
    assert "status=routed" in location and "q=%40" in location
    assert not any(digits in location for digits in ("870317733", "36617739", "3661", "%D9%A8"))
    queue = staff_browser.get(location).content.decode()
    assert mine.display_reference in queue and other.display_reference not in queue
    assert f'value="{typed}"' in queue  # the box still shows what was typed


def test_an_empty_search_shows_the_whole_queue(staff_browser, two_citizens_cases):
    sent = staff_browser.post(f"{QUEUE}search/", {"q": "  ", "params": "q=%40old&p=2"})
    assert sent["Location"] == QUEUE


def test_a_forgotten_token_finds_nothing_in_particular(staff_browser, two_citizens_cases):
    queue = staff_browser.get(f"{QUEUE}?q=%40no-such-token").content.decode()
    assert all(case.display_reference in queue for case in two_citizens_cases)


def test_a_reference_in_a_link_still_works(staff_browser, two_citizens_cases):
    mine, other = two_citizens_cases
    queue = staff_browser.get(f"{QUEUE}?q={mine.display_reference}").content.decode()
    assert mine.display_reference in queue and other.display_reference not in queue


def test_the_search_only_takes_a_post(staff_browser):
    assert staff_browser.get(f"{QUEUE}search/?q=870317733").status_code == 405
