"""Arabic normalisation: spelling variants compare equal. A table of inputs and outputs."""

import pytest

from complaints.values.arabic import SearchableText, normalise, words


@pytest.mark.parametrize(("typed", "normalised"), [
    ("الإسكان", "الاسكان"),
    ("أرض", "ارض"),
    ("آمنة", "امنه"),
    ("ٱلوحدة", "الوحده"),
    ("مستشفى", "مستشفي"),
    ("الوَحْدَةُ السَّكَنِيَّةُ", "الوحده السكنيه"),
    ("الإســـــكان", "الاسكان"),  # tatweel
    ("طلب رقم ٢٠٠٩", "طلب رقم 2009"),
    ("Rent ALLOWANCE", "rent allowance"),
])
def test_normalise(typed, normalised):
    assert normalise(typed) == normalised


def test_hamza_and_plain_alef_spellings_compare_equal():
    assert normalise("الإسكان") == normalise("الاسكان") == normalise("الأسكان")


def match(text, phrase):
    return SearchableText(text).contains(words(normalise(phrase)))


@pytest.mark.parametrize(("text", "keyword", "expected"), [
    ("يوجد تسرب مياه في السقف", "تسرب", True),
    ("توجد تسربات في الحمام", "تسرب", True),           # ending after the keyword
    ("بخصوص الصيانة المتأخرة", "صيانة", True),          # the article in front
    ("وبالصيانة لم يحضر أحد", "صيانه", True),           # particles and teh marbuta
    ("طلب الإسكان منذ ٢٠٠٩", "طلب اسكان", True),        # a phrase across two words
    ("طلب الإسكان", "اسكان طلب", False),                # words out of order
    ("the rental allowance stopped", "rent", True),
    ("my current flat leaks", "rent", False),          # never from the middle of a word
    ("Water LEAKS from the roof", "leak", True),
    ("", "تسرب", False),
    ("نص", "", False),
])
def test_keywords_match_after_normalisation(text, keyword, expected):
    assert match(text, keyword) is expected
