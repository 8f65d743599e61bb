"""Staff answer a citizen from the case page in a real browser: a canned response in the
citizen's language, a legal clause from the library, the preview, then sending. In Arabic (right
to left) on a phone and in English on a desktop; screenshots under var/screenshots/."""

import pytest

from complaints.models import CannedResponse, Complaint, LegalClause, Notification, Reply, StaffProfile
from complaints.security.roles import ensure_role_groups
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import serious_violations
from tests.factories import CitizenFactory, ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CASES = {
    "ar": {"viewport": PHONE, "direction": "rtl", "citizen": "فاطمة علي حسن", "reply": "تم جدولة الإصلاح خلال أسبوع.",
           "law": "مرسوم بقانون رقم (10) لسنة 1976 بشأن الإسكان", "send": "إرسال"},
    "en": {"viewport": DESKTOP, "direction": "ltr", "citizen": "John Smith", "reply": "The repair is scheduled within a week.",
           "law": "Decree-Law No. 10 of 1976 on housing", "send": "Send the reply"},
}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_officer_replies_with_a_canned_response_and_a_legal_clause(live_server, browser, screenshot, client,
                                                                      language):
    case = CASES[language]
    maintenance = DepartmentFactory(code="maintenance", name_ar="إدارة الصيانة", name_en="Maintenance")
    officer = UserFactory(username="officer.hassan", first_name="Hassan")
    officer.groups.add(ensure_role_groups()["department-officer"])
    StaffProfile.objects.create(user=officer, department=maintenance)
    citizen = CitizenFactory(name=case["citizen"], preferred_language=language)
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance, citizen=citizen,
                                 contact_mobile="+97339123456", language=language)
    CannedResponse.objects.create(title="Repair scheduled / جدولة الإصلاح", text_ar=CASES["ar"]["reply"],
                                  text_en=CASES["en"]["reply"])
    clause = LegalClause.objects.create(
        law_ar=CASES["ar"]["law"], law_en=CASES["en"]["law"], article="5",
        text_ar="تتولى الوزارة صيانة الوحدات السكنية.", text_en="The ministry maintains housing units.")
    client.force_login(officer)
    # bypass_csp only lets the test inject axe-core; the pages' own policy is unchanged.
    context = browser.new_context(viewport=case["viewport"], locale=language, bypass_csp=True)
    violations = {}
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/admin/complaints/complaint/{complaint.pk}/change/")
    assert page.get_attribute("html", "dir") == case["direction"]
    screenshot(page, f"case_page_{language}")
    violations["case page"] = serious_violations(page)
    page.click(f"a[href$='/complaint/{complaint.pk}/act/reply/']")

    page.select_option("#id_canned", index=1)
    page.click("button[value=use_canned]")
    assert page.input_value("#id_text") == case["reply"]
    page.check(f"input[name=clauses][value='{clause.pk}']")
    assert page.evaluate("getComputedStyle(document.querySelector('#id_text')).direction") == case["direction"]
    screenshot(page, f"case_reply_form_{language}")
    violations["reply form"] = serious_violations(page)
    page.click("button[value=preview]")

    preview = page.locator("#reply-preview")
    assert preview.get_attribute("dir") == case["direction"]
    assert page.evaluate("getComputedStyle(document.querySelector('#reply-preview')).direction") == case["direction"]
    assert case["reply"] in preview.inner_text() and case["law"] in preview.inner_text()
    screenshot(page, f"case_reply_preview_{language}")
    violations["preview"] = serious_violations(page)
    page.click("button[value=send]")

    page.wait_for_url(f"**/complaint/{complaint.pk}/change/")
    screenshot(page, f"case_reply_sent_{language}")
    # The timeline scrolls within its section; the page itself never scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    reply = Reply.objects.get()
    assert (reply.text, reply.language, list(reply.clauses.all())) == (case["reply"], language, [clause])
    assert Notification.objects.filter(kind=Notification.Kind.REPLIED).exists()
    context.close()
    assert {step: found for step, found in violations.items() if found} == {}
