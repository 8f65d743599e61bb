"""The staff reports in Chromium: every chart drawn, right to left in Arabic, nothing refused by
the Content Security Policy."""

from datetime import timedelta

import pytest
from django.utils import timezone

from channels_intake.models import Call
from complaints.models import Complaint, Rating
from complaints.security.roles import ensure_role_groups
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import serious_violations
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def some_months_of_complaints():
    now = timezone.now()
    maintenance = DepartmentFactory(code="maintenance", name_ar="إدارة الصيانة", name_en="Maintenance")
    channels = list(Complaint.Channel.values)
    for n in range(40):
        received = now - timedelta(days=3 * n + 1)
        answered = received + timedelta(days=n % 45) if n % 3 else None
        complaint = ComplaintFactory(channel=channels[n % len(channels)], department=maintenance,
                                     received_at=received, responded_at=answered if answered and answered < now else None,
                                     status=Complaint.Status.CLOSED if answered and answered < now
                                     else Complaint.Status.IN_PROGRESS)
        if complaint.responded_at:
            Rating.objects.create(complaint=complaint, responded_at=complaint.responded_at, score=1 + n % 5,
                                  created_at=complaint.responded_at)
    for n in range(30):
        Call.objects.create(call_id=f"call-{n}", started_at=now - timedelta(days=n, hours=2),
                            status="answered" if n % 4 else "abandoned", wait_seconds=10 + n)


@pytest.mark.parametrize(("language", "viewport"), [("ar", DESKTOP), ("en", DESKTOP), ("ar", PHONE)])
def test_the_reports_draw_every_chart(live_server, browser, screenshot, client, language, viewport):
    some_months_of_complaints()
    supervisor = UserFactory(username="supervisor.noor")
    supervisor.groups.add(ensure_role_groups()["supervisor"])
    client.force_login(supervisor)
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    console = []
    # The page's own resources are watched by their responses; Chromium's own favicon request is not the page's.
    page.on("console", lambda message: console.append(message.text)
            if message.type in ("error", "warning") and "Failed to load resource" not in message.text else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    page.on("response", lambda response: console.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)

    page.goto(f"{live_server.url}/{language}/reports/")

    canvases = page.locator("canvas[data-chart]")
    assert canvases.count() == 8
    assert page.locator("canvas[data-drawn='true']").count() == 8
    options = page.evaluate("""() => {
        const chart = Chart.getChart(document.querySelector("canvas[data-chart='volumes-channel']"));
        return {reverse: chart.options.scales.x.reverse, legendRtl: chart.options.plugins.legend.rtl,
                tooltipRtl: chart.options.plugins.tooltip.rtl, labels: chart.data.labels.length,
                datasets: chart.data.datasets.length};
    }""")
    rtl = language == "ar"
    assert options["reverse"] is rtl and options["legendRtl"] is rtl and options["tooltipRtl"] is rtl
    assert options["labels"] >= 4 and options["datasets"] >= 1
    assert page.locator("table.report-table").count() == 8
    assert not [line for line in console if "Content Security Policy" in line or "Refused" in line], console
    assert not console, console
    screenshot(page, f"reports_{language}_{'phone' if viewport is PHONE else 'desktop'}")

    page.goto(f"{live_server.url}/{language}/statistics/")
    assert page.locator("#small-numbers").is_visible()
    assert not console, console
    screenshot(page, f"statistics_{language}_{'phone' if viewport is PHONE else 'desktop'}")

    # axe is the test's script, not the page's: it needs the CSP bypassed.
    checked = browser.new_context(viewport=viewport, bypass_csp=True)
    checked.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    axe_page = checked.new_page()
    found = {}
    for path in ("reports", "statistics"):
        axe_page.goto(f"{live_server.url}/{language}/{path}/")
        found[path] = serious_violations(axe_page)
    assert {path: v for path, v in found.items() if v} == {}
