"""The staff search: a reference, a CPR, a mobile number, or words from the subject and details.

Each complaint's words are stored once in SearchText, normalised (complaints.values.arabic) and without
their joined particles; the words searched for go through the same steps, so hamza, diacritics,
tatweel and particles do not matter, and a word also finds its longer forms (تسرب finds تسربات).
On PostgreSQL that is a full-text prefix query on a GIN index; elsewhere a plain scan. A word
search keeps the 500 newest matches, and says so.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import BooleanField, Max, QuerySet
from django.db.models.expressions import RawSQL

from complaints.models import Complaint, SearchText
from complaints.values import arabic, identity, references
from complaints.values.digits import only_digits

MIN_WORD = 2
WORD_MATCH_LIMIT = 500
FIRST_WINDOW = 20_000  # complaint ids looked at first, newest first


def bare_words(text: str) -> list[str]:
    """Normalised words without joined particles, in order, each once."""
    return list(dict.fromkeys(min(arabic.stems(word), key=len) for word in arabic.words(arabic.normalise(text))))


def text_of(complaint: Complaint) -> str:
    # A leading space lets the plain fallback match the start of a word with LIKE '% word%'.
    return " " + " ".join(bare_words(f"{complaint.subject}\n{complaint.body}"))


def remember(complaints: list[Complaint]) -> None:
    """Stores new complaints' searchable text in one insert, once, as intake stores them
    (subject and details are not edited afterwards; the case page is read-only)."""
    SearchText.objects.bulk_create([SearchText(complaint=complaint, text=text_of(complaint))
                                    for complaint in complaints])


def query_words(terms: str) -> list[str]:
    """The words to look for: normalised, without joined particles, longest first (most selective)."""
    return sorted((word for word in bare_words(terms) if len(word) >= MIN_WORD), key=len, reverse=True)


class NotAReference(ValueError):
    """Looks like a reference but a digit is wrong."""


@dataclass(frozen=True)
class Found:
    complaints: QuerySet
    truncated: bool = False  # more words matched than WORD_MATCH_LIMIT: the newest were kept


def find(complaints: QuerySet, terms: str) -> Found:
    terms = terms.strip()
    digits = only_digits(terms)
    if digits and len(digits) == len(terms.replace("-", "").replace(" ", "").replace("+", "")):
        return Found(_by_number(complaints, terms, digits))
    words = query_words(terms)
    if not words:
        return Found(complaints.none())
    ids = matching_complaint_ids(words, limit=WORD_MATCH_LIMIT + 1)
    return Found(complaints.filter(pk__in=ids[:WORD_MATCH_LIMIT]), truncated=len(ids) > WORD_MATCH_LIMIT)


def search(complaints: QuerySet, terms: str) -> QuerySet:
    return find(complaints, terms).complaints


def matching_complaint_ids(words: list[str], *, limit: int) -> list[int]:
    """The newest complaints (highest ids) whose text has a word starting with each of `words`.

    Read on their own, before the queue's filters and order, and newest first in windows of ids:
    a common word then costs the few thousand rows of the newest window, not a visit to every
    matching row of the table; a rare word costs a few cheap windows."""
    matching = _texts_with(words)
    top = SearchText.objects.aggregate(top=Max("complaint_id"))["top"] or 0
    found, ceiling, window = [], top, FIRST_WINDOW
    while ceiling > 0 and len(found) < limit:
        floor = max(ceiling - window, 0)
        found += matching.filter(complaint_id__gt=floor, complaint_id__lte=ceiling).order_by(
            "-complaint_id").values_list("complaint_id", flat=True)[:limit - len(found)]
        ceiling = floor
        # The next window: as wide as the density seen so far says the rest needs, with a margin.
        window = int((limit - len(found)) * (top - floor) / len(found) * 1.25) + 1 if found else window * 8
    return found


def _texts_with(words: list[str]) -> QuerySet:
    if connection.vendor == "postgresql":
        # `words` is a stored tsvector column with a GIN index, made by migration 0010.
        query = " & ".join(f"{word}:*" for word in words)
        return SearchText.objects.filter(RawSQL("words @@ to_tsquery('simple'::regconfig, %s)", (query,),
                                                output_field=BooleanField()))
    matching = SearchText.objects.all()
    for word in words:
        matching = matching.filter(text__contains=f" {word}")
    return matching


def is_international_mobile(terms: str, digits: str) -> bool:
    """Typed with Bahrain's country code (+973, 00973 or 973 before 8 digits), as a mobile is and a
    reference (11 digits, a year first) never is."""
    return (terms.lstrip().startswith("+") or (len(digits) == 13 and digits.startswith("00973"))
            or (len(digits) == 11 and digits.startswith("973")))


def _by_number(complaints: QuerySet, terms: str, digits: str) -> QuerySet:
    if len(digits) >= references.LENGTH and not is_international_mobile(terms, digits):
        reference = references.parse(terms)
        if reference is None:
            raise NotAReference(terms)
        return complaints.filter(reference=reference)
    if len(digits) == 9:
        try:
            return complaints.filter(citizen__cpr=identity.normalise_cpr(digits))
        except ValidationError:
            return complaints.none()
    try:
        return complaints.filter(contact_mobile=identity.normalise_mobile(terms))
    except ValidationError:
        return complaints.none()
