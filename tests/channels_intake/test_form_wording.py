"""The words and small marks of the citizen's pages: errors that say what to do, labels without "؟:",
commas in the page's language, a "Remove" for each file by its name, a focus ring anyone can see,
and a hotline number that calls when tapped."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.channels_intake.test_web_form import PDF, PNG, answers, upload
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

EMPTY = {"kind": "", "category": "", "subject": "", "body": "", "name": "", "cpr": "", "mobile": "",
         "email": "", "preferred_language": "", "housing_application_number": "", "website": ""}
WHAT_TO_DO = {
    "en": ["Choose complaint, inquiry or suggestion.", "Choose what your message is about.", "Enter a subject.",
           "Describe your complaint, inquiry or suggestion.", "Enter your full name.",
           "Enter the 9 digits of your CPR (personal number).",
           "Enter a Bahraini mobile number of 8 digits, for example 3XXX XXXX.", "Choose Arabic or English."],
    "ar": ["اختر شكوى أو استفسارًا أو مقترحًا.", "اختر المجال الذي تتعلق به رسالتك.", "أدخل موضوع الرسالة.",
           "أدخل اسمك الكامل.", "أدخل الرقم الشخصي المكوّن من 9 أرقام.", "اختر العربية أو الإنجليزية."],
}


@pytest.fixture
def category(maintenance):
    return CategoryFactory(code="maintenance-defects", name_ar="أعطال الصيانة", name_en="Maintenance defects",
                           default_department=maintenance)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_empty_fields_say_what_to_do(client, category, language):
    response = client.post(f"/{language}/complaints/new/", EMPTY)

    html = response.content.decode()
    assert response.status_code == 400
    for message in WHAT_TO_DO[language]:
        assert message in html
    assert "This field is required." not in html and "هذا الحقل مطلوب." not in html


def test_an_e_mail_address_that_is_not_one_says_how_to_write_it(client, category):
    html = client.post("/en/complaints/new/", answers(category, email="fatima.example.com")).content.decode()
    assert "Enter an e-mail address like name@example.com." in html


def test_arabic_labels_that_ask_a_question_end_in_the_question_mark_alone(client, category):
    html = client.get("/ar/complaints/new/").content.decode()

    assert "؟:" not in html
    assert re.search(r"<legend[^>]*>ماذا تريد أن ترسل؟</legend>", html)
    assert re.search(r'<label for="id_category"[^>]*>[^<]*؟</label>', html)
    assert re.search(r'<label for="id_name"[^>]*>الاسم الكامل:</label>', html)   # others keep their colon


def test_english_labels_that_ask_a_question_have_no_colon_either(client, category):
    html = client.get("/en/complaints/new/").content.decode()
    assert "?:" not in html and re.search(r"<legend[^>]*>What would you like to send\?</legend>", html)


@pytest.mark.parametrize("language, separator", [("en", ", "), ("ar", "، ")])
def test_the_check_page_separates_file_names_with_the_pages_comma(client, category, language, separator):
    client.post(f"/{language}/complaints/new/", {**answers(category), "files": [
        upload("roof.pdf", PDF, "application/pdf"), upload("lease.png", PNG, "image/png")]})

    html = client.get(f"/{language}/complaints/new/check/").content.decode()

    assert f"<bdi>roof.pdf</bdi>{separator}<bdi>lease.png</bdi>" in html


def test_each_remove_checkbox_is_labelled_with_its_files_name(client, category):
    client.post("/en/complaints/new/", {**answers(category, name=""), "files": [
        upload("roof.pdf", PDF, "application/pdf"), upload("lease.png", PNG, "image/png")]})

    html = client.get("/en/complaints/new/").content.decode()

    boxes = re.findall(r'<input type="checkbox" name="remove_file" value="[^"]+" id="([^"]+)"', html)
    labels = [re.sub(r"<[^>]+>", "", re.search(rf'<label for="{box}">(.*?)</label>', html).group(1))
              for box in boxes]
    assert labels == ["Remove roof.pdf", "Remove lease.png"]


def test_the_focus_ring_on_text_fields_is_a_solid_outline_of_3_to_1_against_white():
    """WCAG 2.2 (2.4.11, 1.4.11): Bootstrap's field focus is a pale glow, about 1.4:1 on white. The
    portal's sheet comes after Bootstrap's, so its rule for `.form-control:focus` is the one applied."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
    variables = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", css))
    rule = next(body for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)
                if ".form-control:focus" in [s.strip() for s in selectors.split(",")])

    width, style, colour = re.search(r"outline:\s*(\d+)px\s+(\w+)\s+([^;]+);", rule).groups()
    colour = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)].strip(), colour).strip()

    assert int(width) >= 2 and style == "solid"
    assert contrast(colour, "#ffffff") >= 3
    assert "box-shadow: none" in rule                                # not the glow instead


def contrast(first: str, second: str) -> float:
    def luminance(hex_colour):
        channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def calls_when_tapped(html) -> bool:
    """The number is shown, and each time as a tel: link (the number in its href and its text)."""
    return html.count("80008001") >= 1 and html.count("80008001") == 2 * html.count('href="tel:80008001"')


@pytest.mark.parametrize("path", ["/ar/", "/en/", "/ar/track/", "/en/complaints/new/", "/en/no-such-page/"])
def test_the_hotline_number_calls_when_tapped_wherever_it_appears(client, category, path):
    assert calls_when_tapped(Client(raise_request_exception=False).get(path).content.decode())


def test_a_citizen_refused_for_too_many_complaints_can_call_the_hotline(client, category, ministry):
    from channels_intake.web_form import views

    for _ in range(views.SUBMISSIONS_PER_HOUR + 1):
        client.post("/en/complaints/new/", answers(category))
        refused = client.post("/en/complaints/new/check/")
    html = refused.content.decode()
    assert refused.status_code == 429 and '<html lang="en"' in html and calls_when_tapped(html)
