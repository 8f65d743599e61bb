"""The focus ring on the citizen's form, as the browser draws it: a solid outline of 2px or more at
3:1 or better against white (WCAG 2.2: 2.4.11, 1.4.11), on text fields, choices and buttons."""

import re

import pytest

from tests.browser.conftest import PHONE
from tests.channels_intake.test_form_wording import contrast

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def hex_colour(rgb: str) -> str:
    red, green, blue = (int(part) for part in re.findall(r"\d+", rgb)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_focused_field_has_a_ring_anyone_can_see(live_server, browser, maintenance, language):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/complaints/new/")

    for selector in ("#id_subject", "#id_body", "#id_category", "input[name=kind][value=complaint]",
                     "main button[type=submit]"):
        page.focus(selector)
        ring = page.eval_on_selector(selector, "element => { const style = getComputedStyle(element);"
                                               " return [style.outlineStyle, style.outlineWidth, style.outlineColor]; }")
        style, width, colour = ring
        assert style == "solid" and float(width.removesuffix("px")) >= 2, (selector, ring)
        assert contrast(hex_colour(colour), "#ffffff") >= 3, (selector, ring)
    page.close()
