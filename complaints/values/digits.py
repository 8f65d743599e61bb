"""Digits as citizens type them: Arabic-Indic, Eastern Arabic-Indic or Latin."""

_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def only_digits(text: str) -> str:
    """The Latin digits of `text`, dropping spaces, dashes and any other separator."""
    return "".join(ch for ch in to_latin_digits(text) if ch.isascii() and ch.isdigit())
