"""Reference numbers carry a Damm check digit: a misheard digit is refused, never matched."""

import pytest

from complaints.values import references

SAMPLE = [references.new_reference(2026) for _ in range(200)] + ["2600000000" + references.damm_check_digit("2600000000")]


def test_new_references_are_valid_and_eleven_digits():
    for reference in SAMPLE:
        assert len(reference) == 11
        assert references.is_valid(reference)


def test_reference_starts_with_the_two_digit_year():
    assert references.new_reference(2027).startswith("27")


@pytest.mark.parametrize("reference", SAMPLE[:50])
def test_every_single_digit_change_is_refused(reference):
    for position in range(len(reference)):
        for digit in "0123456789":
            if digit == reference[position]:
                continue
            mistyped = reference[:position] + digit + reference[position + 1:]
            assert references.parse(mistyped) is None, mistyped


@pytest.mark.parametrize("reference", SAMPLE[:50])
def test_every_adjacent_swap_is_refused(reference):
    for position in range(len(reference) - 1):
        a, b = reference[position], reference[position + 1]
        if a == b:
            continue
        swapped = reference[:position] + b + a + reference[position + 2:]
        assert references.parse(swapped) is None, swapped


def test_known_damm_check_digit():
    # The worked example of the Damm algorithm: 572 has check digit 4.
    assert references.damm_check_digit("572") == "4"


def test_parse_accepts_separators_and_arabic_indic_digits():
    reference = SAMPLE[0]
    shown = references.display(reference)
    arabic = shown.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert references.parse(shown) == reference
    assert references.parse(arabic) == reference
    assert references.parse(" ".join(reference)) == reference


def test_display_groups_for_reading_aloud():
    assert references.display("26481516234") == "26-4815-1623-4"


@pytest.mark.parametrize("text", ["", "abc", "2648151623", "264815162345", "26-4815-1623-X"])
def test_wrong_lengths_and_letters_are_refused(text):
    assert references.parse(text) is None


def test_random_part_is_not_sequential():
    drawn = {references.new_reference(2026)[2:10] for _ in range(1000)}
    assert len(drawn) > 990
    numbers = sorted(int(d) for d in drawn)
    assert numbers[-1] - numbers[0] > 10 ** 7  # spread over the range, not clustered
