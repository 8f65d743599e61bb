"""The labelled corpus the router learns from: enough of every department, in both languages, from
every channel, with a hard share, and varied by hand rather than filled in from templates."""

import re
from collections import Counter, defaultdict

import pytest

from complaints.models import Complaint
from complaints.routing import catalogue, corpus

ROWS = corpus.rows()
MACHINE_CHANNELS = set(Complaint.Channel.values) - {Complaint.Channel.TAHT_AMRAK}  # the box goes by policy


def test_every_department_that_owns_matters_has_at_least_150_examples_and_no_other_label_is_used():
    counts = Counter(row["department"] for row in ROWS)
    assert set(counts) == set(catalogue.OWNERS)
    assert min(counts.values()) >= 150, counts
    assert len(ROWS) >= 1500


def test_about_six_in_ten_are_arabic_and_four_in_ten_english_in_every_department():
    for department in catalogue.OWNERS:
        languages = Counter(row["language"] for row in ROWS if row["department"] == department)
        arabic_share = languages["ar"] / (languages["ar"] + languages["en"])
        assert set(languages) == {"ar", "en"}
        assert 0.55 <= arabic_share <= 0.68, (department, languages)


def test_every_channel_and_every_kind_and_a_hard_share_in_every_department():
    for department in catalogue.OWNERS:
        rows = [row for row in ROWS if row["department"] == department]
        assert {row["channel"] for row in rows} == MACHINE_CHANNELS, department
        kinds = Counter(row["kind"] for row in rows)
        assert set(kinds) == set(Complaint.Kind.values) and kinds["suggestion"] >= 15, (department, kinds)
        assert sum(row["hard"] for row in rows) / len(rows) >= 0.3, department


def test_the_arabic_has_the_spellings_citizens_type():
    arabic = " ".join(row["subject"] + " " + row["body"] for row in ROWS if row["language"] == "ar")
    assert re.search("[٠-٩]", arabic), "Arabic-Indic digits"
    assert re.search(r"[\u064b-\u0652]", arabic), "some diacritics"
    assert re.search(r"\bاسكان|\bالاسكان", arabic) and re.search(r"الإسكان", arabic), "with and without hamza"
    assert re.search(r"\w+ه\b", arabic) and re.search(r"\w+ة\b", arabic), "ه for ة and ة"
    for dialect_word in ("وايد", "شلون", "ليش", "الحين"):
        assert dialect_word in arabic, dialect_word


def test_ids_are_unique_and_fields_complete():
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    for row in ROWS:
        assert set(row) == {"id", "channel", "kind", "subject", "body", "language", "department", "hard"}, row["id"]
        assert len(row["body"].split()) >= 4, row["id"]


def trigrams(row) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", f"{row['subject']} {row['body']}".lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def test_no_two_examples_share_most_of_their_word_trigrams():
    """A corpus filled in from templates would have many pairs sharing most of their trigrams: bounded
    at half of the shorter example's trigrams, for every pair (found through an index of trigrams)."""
    grams = [trigrams(row) for row in ROWS]
    holders = defaultdict(list)
    for index, row_grams in enumerate(grams):
        for gram in row_grams:
            holders[gram].append(index)
    shared = Counter()
    for indexes in holders.values():
        for i, a in enumerate(indexes):
            for b in indexes[i + 1:]:
                shared[a, b] += 1
    too_close = [(ROWS[a]["id"], ROWS[b]["id"]) for (a, b), count in shared.items()
                 if count > 0.5 * min(len(grams[a]), len(grams[b]))]
    assert too_close == []


@pytest.mark.parametrize("held_out_share", [0.2])
def test_a_fixed_fifth_is_held_out_in_every_department(held_out_share):
    examples = corpus.examples()
    for department in catalogue.OWNERS:
        mine = [e for e in examples if e.department == department]
        assert abs(sum(e.held_out for e in mine) / len(mine) - held_out_share) < 0.08, department
    assert [e.held_out for e in examples] == [e.held_out for e in corpus.examples()]  # the same every time
