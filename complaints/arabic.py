"""Arabic text normalisation for matching and search.

Citizens spell the same word several ways: with or without diacritics and tatweel,
hamza on the alef or not, final yeh written as alef maqsura, teh marbuta as heh, and
digits in Arabic-Indic or Latin. Both the text and what it is matched against go
through `normalise`, so "الإسكان" and "الاسكان" compare equal.
"""

import re

from .digits import to_latin_digits

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # tashkeel, tatweel
_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_WORD = re.compile(r"\w+")

# Particles written joined to the next word: wa-, fa-, bi-, li-, ka- and the article al-.
_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_MIN_STEM = 2


def normalise(text: str) -> str:
    text = _DIACRITICS.sub("", text)
    return to_latin_digits(text.translate(_LETTER_VARIANTS)).casefold()


def words(normalised_text: str) -> list[str]:
    return _WORD.findall(normalised_text)


def stems(word: str) -> set[str]:
    """The word and the word without the joined particles it may start with (up to two: وبال)."""
    forms = {word}
    for _ in range(2):
        forms |= {form[len(particle):] for form in forms for particle in _PROCLITICS
                  if form.startswith(particle) and len(form) - len(particle) >= _MIN_STEM}
    return forms


def contains_phrase(text_words: list[str], phrase_words: list[str]) -> bool:
    """True when the phrase's words appear in a row in the text.

    Each text word may carry a joined particle in front (وبالصيانة for صيانة) and any
    ending after (تسربات for تسرب, rents for rent), but must not start mid-word
    (current does not contain rent).
    """
    if not phrase_words:
        return False
    width = len(phrase_words)
    for start in range(len(text_words) - width + 1):
        if all(_word_matches(text_words[start + i], phrase_words[i]) for i in range(width)):
            return True
    return False


def _word_matches(text_word: str, keyword: str) -> bool:
    return any(form.startswith(keyword) for form in stems(text_word))
