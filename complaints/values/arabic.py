"""Arabic text normalisation for matching and search.

Citizens spell the same word several ways: with or without diacritics and tatweel,
hamza on the alef or not, final yeh written as alef maqsura, teh marbuta as heh, and
digits in Arabic-Indic or Latin. Both the text and what it is matched against go
through `normalise`, so "الإسكان" and "الاسكان" compare equal.
"""

import re

from complaints.values.digits import to_latin_digits

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


class SearchableText:
    """A text prepared once for matching many keywords against it.

    Each word may carry a joined particle in front (وبالصيانة for صيانة) and any ending after
    (تسربات for تسرب, rents for rent), but a keyword never matches from the middle of a word
    (current does not contain rent).
    """

    def __init__(self, text: str):
        self.words = words(normalise(text))
        self.forms = [stems(word) for word in self.words]
        # Every beginning of every form: a one-word keyword matches exactly when it is in here.
        self.prefixes = {form[:end] for forms in self.forms for form in forms for end in range(1, len(form) + 1)}

    def contains(self, phrase_words: list[str] | tuple[str, ...]) -> bool:
        """True when the phrase's (normalised) words appear in a row in the text."""
        if not phrase_words or phrase_words[0] not in self.prefixes:
            return False
        if len(phrase_words) == 1:
            return True
        width = len(phrase_words)
        return any(
            all(self._word_matches(start + i, phrase_words[i]) for i in range(width))
            for start in range(len(self.words) - width + 1)
        )

    def _word_matches(self, position: int, keyword: str) -> bool:
        return any(form.startswith(keyword) for form in self.forms[position])
