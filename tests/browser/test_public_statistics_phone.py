"""The public statistics on a 360 px phone: the page never scrolls sideways, the charts fit and run
right to left in Arabic, and the wide tables scroll inside their own box with a visible cue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import Complaint
from tests.browser.conftest import PHONE
from tests.factories import ComplaintFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_statistics_fit_a_phone_without_sideways_scrolling(live_server, browser, screenshot, language):
    first_of_this_month = timezone.localdate().replace(day=1)
    for n in range(18):
        received = timezone.now() - timedelta(days=(timezone.localdate() - first_of_this_month).days + 3 + n)
        ComplaintFactory(channel=Complaint.Channel.values[n % 2], received_at=received,
                         responded_at=received + timedelta(days=5), status=Complaint.Status.CLOSED)
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/statistics/")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for chart in ("#chart-received", "#chart-on-time"):
        box = page.locator(chart).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] > 100
    # The first drawn bar starts at the axis on the start side, and its month's name is beyond it.
    bar = page.locator("#chart-received .chart-bar").first.bounding_box()
    label = page.locator("#chart-received .chart-bar").first.locator("xpath=../*[@class='chart-label']").bounding_box()
    if language == "ar":
        assert label["x"] >= bar["x"] + bar["width"]
    else:
        assert label["x"] + label["width"] <= bar["x"]
    # The table of every channel is wider than the phone: it scrolls in its own box, which says so.
    volumes = page.locator(".statistics-table").first
    assert volumes.evaluate("box => box.scrollWidth > box.clientWidth")
    assert page.locator(".statistics-scroll-cue").first.is_visible()
    screenshot(page, f"statistics_charts_{language}_phone")
    page.close()
