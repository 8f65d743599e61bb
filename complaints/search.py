"""The staff search: a reference, a CPR, a mobile number, or words from the subject and details.

Words are matched after the same normalisation as the stored text (complaints.arabic), so a
search with or without hamza, diacritics, tatweel or a joined particle finds the same complaints.
On PostgreSQL the word match uses a trigram index on SearchText; elsewhere it is a plain scan.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from . import arabic, identity, references
from .digits import only_digits
from .models import Complaint, SearchText

MIN_WORD = 2


def text_of(complaint: Complaint) -> str:
    return arabic.normalise(f"{complaint.subject}\n{complaint.body}")


def remember(complaint: Complaint) -> None:
    """Stores (or refreshes) the complaint's searchable text."""
    SearchText.objects.update_or_create(complaint=complaint, defaults={"text": text_of(complaint)})


def query_words(terms: str) -> list[str]:
    """The words to look for: normalised, without joined particles, longest first (most selective)."""
    found = {min(arabic.stems(word), key=len) for word in arabic.words(arabic.normalise(terms))}
    return sorted((word for word in found if len(word) >= MIN_WORD), key=len, reverse=True)


class NotAReference(ValueError):
    """Looks like a reference but a digit is wrong."""


def search(complaints: QuerySet, terms: str) -> QuerySet:
    terms = terms.strip()
    digits = only_digits(terms)
    if digits and len(digits) == len(terms.replace("-", "").replace(" ", "").replace("+", "")):
        return _by_number(complaints, terms, digits)
    words = query_words(terms)
    if not words:
        return complaints.none()
    matching = SearchText.objects.all()
    for word in words:
        matching = matching.filter(text__contains=word)
    return complaints.filter(pk__in=matching.values("complaint_id"))


def _by_number(complaints: QuerySet, terms: str, digits: str) -> QuerySet:
    is_international_mobile = terms.startswith("+") or (len(digits) == 11 and digits.startswith("973"))
    if len(digits) >= references.LENGTH and not is_international_mobile:
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
