"""Validation of the identifiers citizens give: CPR numbers and Bahraini mobiles."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from complaints.values.digits import to_latin_digits

CPR_LENGTH = 9


def normalise_cpr(text: str) -> str:
    """The 9-digit CPR in `text`, or ValidationError.

    Bahrain's CPR check-digit rule is not public and older cards do not all follow the
    YYMM pattern, so any nine digits are accepted; spaces and dashes are ignored.
    """
    candidate = to_latin_digits(text).replace(" ", "").replace("-", "")
    if not (len(candidate) == CPR_LENGTH and candidate.isascii() and candidate.isdigit()):
        raise ValidationError(_("Enter the 9 digits of your CPR (personal number)."), code="invalid_cpr")
    return candidate


def normalise_mobile(text: str) -> str:
    """The Bahraini mobile number in `text` as +973XXXXXXXX, or ValidationError."""
    message = _("Enter a Bahraini mobile number of 8 digits, for example 3XXX XXXX.")
    try:
        number = phonenumbers.parse(to_latin_digits(text), "BH")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid_mobile") from None
    is_mobile = phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if number.country_code != 973 or not phonenumbers.is_valid_number(number) or not is_mobile:
        raise ValidationError(message, code="invalid_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
