"""The minister's office's whole journey with one Taht Amrak letter, in a real browser: from the
triage dashboard to the letter, the family's urgency study that makes it urgent, the minister's
directive referring it, a council session with the case on its agenda, the citizen invited, the
attendance and decision recorded, the minutes opened, and the citizen told the outcome.
In Arabic (right to left) on a phone and in English on a desktop; screenshots under
var/screenshots/office_journey_*.png."""

import pytest

from complaints.models import Complaint, ComplaintEvent, Notification, Referral
from complaints.security.roles import ensure_role_groups
from minister_office.council_models import AgendaItem
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import CitizenFactory, ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CASES = {
    "ar": {"viewport": PHONE, "direction": "rtl", "subject": "أسرة من ستة أفراد مهددة بالإخلاء تطلب وحدة سكنية",
           "directive": "تُعرض الحالة على لجنة الإسكان مع رأي الشؤون القانونية في إشعار الإخلاء.",
           "place": "قاعة مجلس الوزارة، مبنى وزارة الإسكان", "decision": "تخصيص وحدة سكنية مؤقتة للأسرة خلال شهر.",
           "action": "تسليم مفاتيح الوحدة المؤقتة", "committee": "لجنة الإسكان", "name": "مريم عبدالله",
           "members": "معالي الوزير، الوكيل، مدير الشؤون القانونية"},
    "en": {"viewport": DESKTOP, "direction": "ltr", "subject": "A family of six facing eviction asks for a home",
           "directive": "The Housing Committee to study the case with Legal Affairs' opinion on the eviction notice.",
           "place": "Council hall, Ministry of Housing", "decision": "Allocate a temporary home within a month.",
           "action": "Hand over the keys of the temporary home", "committee": "Housing Committee",
           "name": "Mary Abdulla", "members": "Minister; Under-Secretary; Director of Legal Affairs"},
}


def snap(screenshot, page, step, language):
    screenshot(page, f"office_journey_{step}_{language}")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_office_takes_a_letter_from_the_box_to_the_council_and_the_citizen_is_told(
        live_server, browser, screenshot, client, language):
    case = CASES[language]
    office = DepartmentFactory(code="ministers-office", name_ar="مكتب الوزير", name_en="Minister's office")
    committee = DepartmentFactory(code="housing-committee", name_ar="لجنة الإسكان", name_en="Housing Committee")
    legal = DepartmentFactory(code="legal-affairs", name_ar="إدارة الشؤون القانونية", name_en="Legal Affairs")
    member = UserFactory(username="office.maryam", first_name="Maryam")
    member.groups.add(ensure_role_groups()["ministers-office"])
    mobile = "+97339120077"
    letter = ComplaintFactory(
        channel=Complaint.Channel.TAHT_AMRAK, status=Complaint.Status.ROUTED, department=office,
        subject=case["subject"], language=language, contact_mobile=mobile, contact_email="family@example.com",
        citizen=CitizenFactory(name=case["name"], preferred_language=language, mobile=mobile))
    client.force_login(member)
    context = browser.new_context(viewport=case["viewport"], locale=language)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    policy_errors = []
    page.on("console", lambda message: "Content Security Policy" in message.text and policy_errors.append(message.text))

    # The triage dashboard: the letter waits in the Taht Amrak inbox, not yet urgent.
    page.goto(f"{live_server.url}/{language}/minister/")
    assert page.get_attribute("html", "dir") == case["direction"]
    assert letter.display_reference in page.inner_text("main")
    snap(screenshot, page, "1_dashboard", language)
    page.click(f"a[href$='/minister/cases/{letter.reference}/']")
    page.wait_for_url(f"**/minister/cases/{letter.reference}/")
    snap(screenshot, page, "2_letter", language)

    # The family's circumstances score 105 points: urgent and exceptional.
    for field, value in (("household_size", "6"), ("monthly_income", "500"), ("dependants", "4"),
                         ("members_with_disability", "1"), ("elderly_members", "1"),
                         ("members_with_chronic_illness", "0"), ("years_on_waiting_list", "8")):
        page.fill(f"#id_{field}", value)
    page.select_option("#id_housing", "overcrowded")
    page.check("#id_eviction_notice")
    page.click("form[action$='/study/'] button[type=submit]")
    page.wait_for_url(f"**/minister/cases/{letter.reference}/")
    assert page.locator(".office-score").first.inner_text() == "105"
    snap(screenshot, page, "3_study", language)

    page.fill("#id_text", case["directive"])
    page.check(f"input[name=departments][value='{committee.pk}']")
    page.check(f"input[name=departments][value='{legal.pk}']")
    page.select_option("#id_lead", str(committee.pk))
    page.fill("#id_follow_up_on", "2026-12-20")
    page.click("form[action$='/directive/'] button[type=submit]")
    page.wait_for_url(f"**/minister/cases/{letter.reference}/")
    assert page.locator("#referrals-title + div tbody tr").count() == 2
    assert case["committee"] in page.inner_text("#referrals-title + div")
    snap(screenshot, page, "4_directive", language)

    # The Ministry Council: a session, the urgent case on its agenda, the citizen invited.
    page.goto(f"{live_server.url}/{language}/minister/council/")
    page.fill("#id_held_at", "2026-12-03T10:30")
    page.fill("#id_place", case["place"])
    page.fill("#id_members_present", case["members"])
    snap(screenshot, page, "5_schedule", language)
    page.click("#schedule-session")
    page.wait_for_selector("#build-agenda")
    page.click("#build-agenda")
    page.wait_for_selector("#agenda")
    assert page.locator("#agenda tbody tr").count() == 1
    assert letter.display_reference in page.inner_text("#agenda")
    page.click("#invite-citizens")
    page.wait_for_selector("#agenda")
    invitations = Notification.objects.filter(complaint=letter, kind=Notification.Kind.COUNCIL_INVITATION)
    assert set(invitations.values_list("channel", "language")) == {("sms", language), ("email", language)}
    snap(screenshot, page, "6_agenda_invited", language)

    item = AgendaItem.objects.get(complaint=letter)
    prefix = f"#id_item-{item.pk}"
    page.select_option(f"{prefix}-attendance", "attended")
    page.fill(f"{prefix}-decision", case["decision"])
    page.fill(f"{prefix}-follow_up_action", case["action"])
    page.select_option(f"{prefix}-follow_up_department", str(committee.pk))
    page.fill(f"{prefix}-follow_up_due_on", "2027-01-15")
    page.locator(f"#item-{item.pk} button[type=submit]").click()
    page.wait_for_selector(f"#item-{item.pk}")
    snap(screenshot, page, "7_decision", language)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(f"{live_server.url}/{language}/minister/council/{item.session_id}/minutes/")
    assert page.get_attribute("html", "dir") == case["direction"]
    minutes = page.inner_text("main")
    assert case["place"] in minutes and case["decision"] in minutes and letter.display_reference in minutes
    snap(screenshot, page, "8_minutes", language)
    context.close()

    assert policy_errors == []
    letter.refresh_from_db()
    assert letter.is_urgent and letter.department == committee
    assert Referral.objects.filter(complaint=letter).count() == 2
    item.refresh_from_db()
    assert (item.attendance, item.decision) == ("attended", case["decision"])
    outcome = Notification.objects.filter(complaint=letter, kind=Notification.Kind.COUNCIL_OUTCOME)
    assert set(outcome.values_list("channel", "language", "recipient")) == {
        ("sms", language, mobile), ("email", language, "family@example.com")}
    assert {outcome.context["council_decision"] for outcome in outcome} == {case["decision"]}
    assert letter.events.filter(kind=ComplaintEvent.Kind.COUNCIL_DECIDED, actor=member).exists()
