"""Whether two complaints read as the same matter: pure rules, no database."""

import pytest

from complaints.duplicates import Matter, content_words, same_matter, similarity


def matter(text, **facts):
    return Matter(words=content_words(text), **facts)


def test_content_words_ignore_diacritics_letter_variants_particles_and_function_words():
    assert content_words("تَسرُّب المياه في سقف الشقة") == content_words("وتسرب مياه بسقف شقة")
    assert content_words("الإسكان في هذه الوزارة") == frozenset()
    assert "leak" in content_words("There is a leak in the ceiling")


@pytest.mark.parametrize(("first", "second", "facts", "expected"), [
    # the same matter, written twice in other words and other spellings
    ("تسرب مياه في سقف الشقة منذ شهرين", "ما زال تسرّب المياه من السقف في شقتي", {}, True),
    ("Water leaking through the ceiling of my flat", "The ceiling of the flat is still leaking water", {}, True),
    # one shared word is not enough in different areas ...
    ("تسرب مياه في سقف الشقة", "تأخر صرف علاوة السكن وسقف الدخل", {}, False),
    # ... but a quarter of the words is, within the same category
    ("تسرب مياه وتشققات في الجدران والسقف والأرضية", "تشققات في الجدران", {"category_id": 1}, True),
    ("تسرب مياه وتشققات في الجدران والسقف والأرضية", "تشققات الطريق العام المؤدي للمجمع", {"category_id": 1},
     False),
    # the same housing application number is the same matter whatever the words
    ("متى يأتي دوري", "طلب الوحدة السكنية", {"housing_application_number": "HA-2019-1177"}, True),
    ("", "تسرب", {}, False),
])
def test_same_matter(first, second, facts, expected):
    assert (same_matter(matter(first, **facts), matter(second, **facts)) is not None) is expected


def test_a_different_category_does_not_count_as_the_same_area():
    a = matter("تسرب مياه وتشققات في الجدران والسقف والأرضية", category_id=1)
    b = matter("تشققات في الطريق العام المؤدي للمجمع والجدران", category_id=2)
    assert same_matter(a, b) is None
    assert same_matter(a, Matter(words=b.words, category_id=1)) is not None


def test_the_score_is_the_share_of_the_shorter_texts_words_found_in_the_other():
    a, b = matter("leak ceiling flat mould"), matter("leak ceiling")
    assert similarity(a, b) == 1.0 and similarity(b, a) == 1.0
    assert similarity(matter("leak ceiling mould"), matter("leak ceiling allowance rent")) == 2 / 3
    assert similarity(matter("leak ceiling"), matter("leak allowance")) == 0.0  # one word in common
