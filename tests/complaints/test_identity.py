"""CPR numbers and Bahraini mobiles, typed in Latin or Arabic-Indic digits."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from complaints.values import identity


@pytest.mark.parametrize(("typed", "stored"), [
    ("850412345", "850412345"),
    ("٨٥٠٤١٢٣٤٥", "850412345"),
    ("۸۵۰۴۱۲۳۴۵", "850412345"),
    ("850-412-345", "850412345"),
    (" 850 412 345 ", "850412345"),
])
def test_cpr_is_nine_digits_in_any_script(typed, stored):
    assert identity.normalise_cpr(typed) == stored


@pytest.mark.parametrize("typed", ["", "85041234", "8504123456", "85041234a", "٨٥٠٤١٢٣٤", "８５０４１２３４５"])
def test_cpr_of_the_wrong_shape_is_refused_with_a_message(typed):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            identity.normalise_cpr(typed)
        assert "9 digits" in str(error.value.messages[0])


@pytest.mark.parametrize(("typed", "stored"), [
    ("39123456", "+97339123456"),
    ("3912 3456", "+97339123456"),
    ("+973 3912 3456", "+97339123456"),
    ("00973 36001122", "+97336001122"),
    ("٣٩١٢٣٤٥٦", "+97339123456"),
    ("+٩٧٣٣٣١٢٣٤٥٦", "+97333123456"),
])
def test_bahraini_mobiles_in_any_script_are_stored_as_e164(typed, stored):
    assert identity.normalise_mobile(typed) == stored


@pytest.mark.parametrize("typed", [
    "17123456",        # a Bahraini landline, which cannot receive the SMS
    "3912345",         # seven digits
    "391234567",       # nine digits
    "+966501234567",   # a Saudi mobile
    "mobile",
    "",
])
def test_other_numbers_are_refused_with_a_message(typed):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            identity.normalise_mobile(typed)
        assert "Bahraini mobile" in str(error.value.messages[0])


def test_messages_come_in_arabic_when_the_page_is_arabic():
    with translation.override("ar"):
        with pytest.raises(ValidationError) as error:
            identity.normalise_cpr("123")
        assert "أرقام" in str(error.value.messages[0])
