"""A citizen on a phone in Arabic, and on a desktop in English: mistype, correct, attach, send,
then follow the complaint with the reference and the mobile's last digits."""

import re

import pytest

from django.utils import timezone

from complaints import citizen_services
from complaints.lifecycle import change_status
from complaints.models import Attachment, Complaint
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import CategoryFactory, UserFactory
from tests.support.tracking import deliver_codes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

TEXTS = {
    "ar": {"subject": "تسرب مياه من سقف غرفة النوم", "body": "يتسرب الماء من السقف منذ شهرين في مدينة حمد.",
           "name": "فاطمة علي حسن", "error": "الرقم الشخصي المكوّن من 9 أرقام", "sent": "تم إرسال رسالتك",
           "status": "مستلمة", "question": "أرسل صورة من عقد الإيجار", "answer": "أرفقت الصورة"},
    "en": {"subject": "Water leaking from the bedroom ceiling", "body": "Water has leaked for two months.",
           "name": "Fatima Ali Hassan", "error": "Enter the 9 digits of your CPR", "sent": "Your message has been sent",
           "status": "Received", "question": "Please send a copy of the lease", "answer": "Attached"},
}


@pytest.fixture
def roof_photo(tmp_path):
    from PIL import Image

    path = tmp_path / "roof.jpg"
    Image.new("RGB", (64, 48), "gray").save(path, "JPEG")
    return path


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_submit_correct_attach_send_and_track(live_server, browser, screenshot, ministry, maintenance,
                                              roof_photo, language, viewport):
    CategoryFactory(code="maintenance-defects", name_ar="أعطال الصيانة", name_en="Maintenance defects",
                    default_department=maintenance)
    texts = TEXTS[language]
    size = "phone" if viewport is PHONE else "desktop"
    page = browser.new_page(viewport=viewport)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(f"{live_server.url}/{language}/")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    screenshot(page, f"{language}-{size}-1-home")
    page.click("main a.btn-success")

    page.check("input[name=kind][value=complaint]")
    page.select_option("select[name=category]", index=1)
    page.fill("#id_subject", texts["subject"])
    page.fill("#id_body", texts["body"])
    page.fill("#id_name", texts["name"])
    page.fill("#id_cpr", "85041")                       # a digit short: mistyped
    page.fill("#id_mobile", "3912 3456")
    page.set_input_files("#id_files", str(roof_photo))
    page.click("main button[type=submit]")

    assert texts["error"] in page.inner_text("#error-summary")
    assert page.input_value("#id_name") == texts["name"]          # nothing typed is lost
    assert "roof.jpg" in page.inner_text("main")                    # nor the photo
    screenshot(page, f"{language}-{size}-2-errors")

    page.fill("#id_cpr", "٨٥٠٤١٢٣٤٥")
    page.click("main button[type=submit]")
    assert texts["subject"] in page.inner_text("main")
    screenshot(page, f"{language}-{size}-3-check")
    page.click("main button.btn-lg[type=submit]")  # Send (the box above it offers a code for adding)

    assert texts["sent"] in page.inner_text("main")
    reference = page.inner_text(".portal-reference").strip()
    assert re.fullmatch(r"\d{2}-\d{4}-\d{4}-\d", reference)
    screenshot(page, f"{language}-{size}-4-sent")
    complaint = Complaint.objects.get()
    assert complaint.display_reference == reference
    assert Attachment.objects.get(complaint=complaint).original_name == "roof.jpg"

    page.click("main a.btn-outline-success")
    page.fill("#id_reference", reference)
    page.fill("#id_mobile_last_digits", "1111")           # wrong second factor
    page.click("main button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    page.fill("#id_mobile_last_digits", "3456")
    page.click("main button[type=submit]")
    assert texts["status"] in page.inner_text("main") and texts["subject"] not in page.inner_text("main")
    page.click("main button[name=send]")                  # the content needs the code sent by SMS
    [code] = deliver_codes()
    page.fill("#id_code", code)
    page.click("main button[name=verify]")
    assert texts["status"] in page.inner_text("main") and texts["subject"] in page.inner_text("h1")
    screenshot(page, f"{language}-{size}-5-tracking")

    # The department asks for more; the citizen answers from the same page.
    officer = UserFactory(username=f"officer-{language}")
    complaint.status = Complaint.Status.IN_PROGRESS
    complaint.save()
    citizen_services.request_information(complaint=complaint, by=officer, question=texts["question"])
    page.reload()
    assert texts["question"] in page.inner_text("main")
    screenshot(page, f"{language}-{size}-6-question")
    page.fill("#id_text", texts["answer"])
    page.click("button[name=answer]")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.IN_PROGRESS

    # The ministry answers; the citizen rates the answer.
    change_status(complaint, Complaint.Status.RESPONDED, by=officer, now=timezone.now())
    page.reload()
    page.check("input[name=score][value='5']")
    page.click("button[name=rate]")
    assert complaint.ratings.get().score == 5
    screenshot(page, f"{language}-{size}-7-rated")
    assert dialogs == []
    page.close()
