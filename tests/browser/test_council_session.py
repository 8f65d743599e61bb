"""The minister's office runs a Ministry Council session in a real browser: schedules it, builds
the agenda from the urgent cases, invites the citizens, records attendance, the decision and the
follow-up, and opens the printable minutes. In Arabic (right to left) on a phone and in English on
a desktop; screenshots under var/screenshots/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import Complaint, Notification
from complaints.security.roles import ensure_role_groups
from minister_office.council_models import AgendaItem
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import serious_violations
from tests.factories import CitizenFactory, ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CASES = {
    "ar": {"viewport": PHONE, "direction": "rtl", "place": "قاعة المجلس، مبنى وزارة الإسكان",
           "decision": "صرف بدل سكن مؤقت لمدة ستة أشهر", "action": "صرف البدل اعتباراً من يناير"},
    "en": {"viewport": DESKTOP, "direction": "ltr", "place": "Council hall, Ministry of Housing",
           "decision": "Grant a temporary housing allowance for six months.",
           "action": "Pay the allowance from January."},
}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_office_runs_a_council_session_from_agenda_to_minutes(live_server, browser, screenshot, client,
                                                                   language):
    case = CASES[language]
    office = UserFactory(username="office.maryam", first_name="Maryam")
    office.groups.add(ensure_role_groups()["ministers-office"])
    DepartmentFactory(code="legal", name_ar="الشؤون القانونية", name_en="Legal Affairs")
    complaints = [
        ComplaintFactory(is_urgent=True, status=Complaint.Status.IN_PROGRESS, subject=subject,
                         citizen=CitizenFactory(name=name, preferred_language=language, mobile=mobile),
                         contact_mobile=mobile, contact_email=f"{mobile[-4:]}@example.com", language=language,
                         due_at=timezone.now() + timedelta(days=days))
        for subject, name, mobile, days in (("أسرة مهددة بالإخلاء", "فاطمة علي حسن", "+97339120001", 3),
                                            ("سكن غير آمن لأسرة كبيرة", "أحمد يوسف", "+97339120002", 9))]
    client.force_login(office)
    context = browser.new_context(viewport=case["viewport"], locale=language, bypass_csp=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    violations = {}

    page.goto(f"{live_server.url}/{language}/minister/council/")
    assert page.get_attribute("html", "dir") == case["direction"]
    page.fill("#id_held_at", "2026-12-03T10:30")
    page.fill("#id_place", case["place"])
    page.fill("#id_members_present", "Minister; Under-Secretary; Director of Legal Affairs")
    screenshot(page, f"council_sessions_{language}")
    violations["sessions"] = serious_violations(page)
    page.click("#schedule-session")

    page.wait_for_selector("#build-agenda")
    page.click("#build-agenda")
    page.wait_for_selector("#agenda")
    assert page.locator("#agenda tbody tr").count() == 2
    # The later case moves up: the office puts it first.
    page.locator("#agenda tbody tr").nth(1).locator("button[value=up]").click()
    page.wait_for_selector("#invite-citizens")
    assert complaints[1].display_reference in page.locator("#agenda tbody tr").first.inner_text()
    page.click("#invite-citizens")
    page.wait_for_selector("#agenda")
    assert Notification.objects.filter(kind="council_invitation").count() == 4
    screenshot(page, f"council_agenda_{language}")
    violations["agenda"] = serious_violations(page)

    item = AgendaItem.objects.get(complaint=complaints[0])
    prefix = f"#id_item-{item.pk}"
    page.select_option(f"{prefix}-attendance", "represented")
    page.fill(f"{prefix}-decision", case["decision"])
    page.fill(f"{prefix}-follow_up_action", case["action"])
    page.select_option(f"{prefix}-follow_up_department", label="الشؤون القانونية" if language == "ar" else "Legal Affairs")
    page.fill(f"{prefix}-follow_up_due_on", "2027-01-15")
    assert page.evaluate(f"getComputedStyle(document.querySelector('{prefix}-decision')).direction") == case["direction"]
    page.locator(f"#item-{item.pk} button[type=submit]").click()
    page.wait_for_selector(f"#item-{item.pk}")
    item.refresh_from_db()
    assert (item.attendance, item.decision) == ("represented", case["decision"])
    assert Notification.objects.filter(kind="council_outcome", complaint=complaints[0]).count() == 2
    screenshot(page, f"council_decision_{language}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(f"{live_server.url}/{language}/minister/council/follow-ups/")
    assert case["action"] in page.inner_text("#follow-ups")
    screenshot(page, f"council_follow_ups_{language}")
    violations["follow-ups"] = serious_violations(page)

    page.goto(f"{live_server.url}/{language}/minister/council/{item.session_id}/minutes/")
    assert page.get_attribute("html", "dir") == case["direction"]
    minutes = page.inner_text("main")
    assert case["place"] in minutes and case["decision"] in minutes and case["action"] in minutes
    assert complaints[0].display_reference in minutes and complaints[1].display_reference in minutes
    screenshot(page, f"council_minutes_{language}")
    page.emulate_media(media="print")
    assert page.locator(".minutes-toolbar").is_hidden()
    screenshot(page, f"council_minutes_print_{language}")
    violations["minutes"] = serious_violations(page)

    # The PDF, in Chromium's own viewer: for people to check that Arabic letters join and run right to left.
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/{language}/minister/council/{item.session_id}/minutes.pdf")
    page.wait_for_timeout(2000)
    screenshot(page, f"council_minutes_pdf_{language}")
    context.close()
    assert {step: found for step, found in violations.items() if found} == {}
