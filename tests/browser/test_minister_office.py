"""The minister's office in a real browser: from the triage dashboard to a Taht Amrak letter, the
urgency study with its breakdown, then the minister's directive referring the case to two bodies.
In Arabic (right to left) on a phone and in English on a desktop; screenshots under var/screenshots/."""

import pytest

from complaints.models import Complaint, Referral
from complaints.security.roles import ensure_role_groups
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import serious_violations
from tests.factories import CitizenFactory, ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CASES = {
    "ar": {"viewport": PHONE, "direction": "rtl", "subject": "طلب وحدة سكنية عاجلة لأسرة مهددة بالإخلاء",
           "directive": "تُدرس حالة الأسرة في لجنة الإسكان مع رأي الشؤون القانونية.", "urgent": "عاجلة واستثنائية"},
    "en": {"viewport": DESKTOP, "direction": "ltr", "subject": "Urgent housing for a family facing eviction",
           "directive": "The Housing Committee to study the family's case with Legal Affairs' opinion.",
           "urgent": "Urgent and exceptional"},
}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_office_triages_a_letter_studies_the_family_and_directs_the_case(live_server, browser, screenshot,
                                                                             client, language):
    case = CASES[language]
    office = DepartmentFactory(code="ministers-office", name_ar="مكتب الوزير", name_en="Minister's office")
    committee = DepartmentFactory(code="housing-committee", name_ar="لجنة الإسكان", name_en="Housing Committee")
    legal = DepartmentFactory(code="legal-affairs", name_ar="إدارة الشؤون القانونية", name_en="Legal Affairs")
    DepartmentFactory(code="studies", name_ar="إدارة الدراسات والبحوث", name_en="Studies and Research")
    member = UserFactory(username="office.maryam", first_name="Maryam")
    member.groups.add(ensure_role_groups()["ministers-office"])
    letter = ComplaintFactory(channel=Complaint.Channel.TAHT_AMRAK, status=Complaint.Status.ROUTED, department=office,
                              subject=case["subject"], citizen=CitizenFactory(preferred_language=language))
    already_urgent = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=legal, is_urgent=True)
    client.force_login(member)
    context = browser.new_context(viewport=case["viewport"], locale=language)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    policy_errors = []
    page.on("console", lambda message: "Content Security Policy" in message.text and policy_errors.append(message.text))

    page.goto(f"{live_server.url}/{language}/minister/")
    assert page.get_attribute("html", "dir") == case["direction"]
    assert page.locator("#urgent-title + p + div tbody tr").count() == 1
    screenshot(page, f"minister_dashboard_{language}")
    page.click(f"a[href$='/minister/cases/{letter.reference}/']")

    page.fill("#id_household_size", "6")
    page.fill("#id_monthly_income", "500")
    page.fill("#id_dependants", "4")
    page.fill("#id_members_with_disability", "1")
    page.fill("#id_elderly_members", "1")
    page.fill("#id_members_with_chronic_illness", "0")
    page.select_option("#id_housing", "overcrowded")
    page.check("#id_eviction_notice")
    page.fill("#id_years_on_waiting_list", "8")
    screenshot(page, f"minister_study_form_{language}")
    page.click("form[action$='/study/'] button[type=submit]")

    page.wait_for_url(f"**/minister/cases/{letter.reference}/")
    assert page.locator(".office-score").first.inner_text() == "105"
    assert case["urgent"] in page.locator("#assessments-title + article").inner_text()
    assert page.locator("#assessments-title + article tbody tr").count() == 9
    screenshot(page, f"minister_study_result_{language}")

    page.fill("#id_text", case["directive"])
    page.check(f"input[name=departments][value='{committee.pk}']")
    page.check(f"input[name=departments][value='{legal.pk}']")
    page.select_option("#id_lead", str(committee.pk))
    page.fill("#id_follow_up_on", "2026-12-20")
    page.click("form[action$='/directive/'] button[type=submit]")

    page.wait_for_url(f"**/minister/cases/{letter.reference}/")
    assert case["directive"] in page.locator("#timeline-title + ul").inner_text()
    assert page.locator("#referrals-title + div tbody tr").count() == 2
    screenshot(page, f"minister_directive_{language}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(f"{live_server.url}/{language}/minister/")
    queue = page.locator("#urgent-title + p + div tbody tr")
    assert queue.count() == 2 and letter.display_reference in queue.first.inner_text()
    assert already_urgent.display_reference in queue.nth(1).inner_text()
    screenshot(page, f"minister_dashboard_after_{language}")
    context.close()

    assert policy_errors == []
    letter.refresh_from_db()
    assert letter.is_urgent and letter.department == committee
    assert set(Referral.objects.filter(complaint=letter).values_list("department__code", "is_lead")) == {
        ("housing-committee", True), ("legal-affairs", False)}

    # The page's own policy forbids injected scripts; axe is the test's, not the page's.
    checking = browser.new_context(viewport=case["viewport"], locale=language, bypass_csp=True)
    checking.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = checking.new_page()
    violations = {}
    for path in ("/minister/", f"/minister/cases/{letter.reference}/"):
        page.goto(f"{live_server.url}/{language}{path}")
        violations[path] = serious_violations(page)
    checking.close()
    assert {path: found for path, found in violations.items() if found} == {}
