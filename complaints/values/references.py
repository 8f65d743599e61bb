"""Complaint reference numbers: short, read out over the phone, and self-checking.

A reference is the two-digit year, eight random digits and a Damm check digit,
written 26-4815-1623-4. The Damm algorithm rejects every single mistyped digit
and every swap of two neighbouring digits, so a number misheard on the hotline is
refused instead of opening someone else's case. The digits are random rather than
sequential so that references cannot be walked through one after another.
"""

import secrets

from complaints.values.digits import only_digits

# The Damm quasigroup table (a weakly totally anti-symmetric quasigroup of order 10).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
RANDOM_DIGITS = 8
LENGTH = 2 + RANDOM_DIGITS + 1


def damm_check_digit(digits: str) -> str:
    interim = 0
    for digit in digits:
        interim = _DAMM[interim][int(digit)]
    return str(interim)


def new_reference(year: int) -> str:
    body = f"{year % 100:02d}{secrets.randbelow(10 ** RANDOM_DIGITS):0{RANDOM_DIGITS}d}"
    return body + damm_check_digit(body)


def is_valid(reference: str) -> bool:
    return len(reference) == LENGTH and reference.isdigit() and damm_check_digit(reference) == "0"


def parse(text: str) -> str | None:
    """The canonical reference typed in `text` (any digits, any separators), or None if invalid."""
    digits = only_digits(text)
    return digits if is_valid(digits) else None


def display(reference: str) -> str:
    return f"{reference[:2]}-{reference[2:6]}-{reference[6:10]}-{reference[10:]}"
