"""Arabic and English side by side, for what a citizen is given (the export)."""

from django.utils import translation


def both(text) -> dict[str, str]:
    """A translatable text in Arabic and English: {"ar": ..., "en": ...}."""
    labels = {}
    for language in ("ar", "en"):
        with translation.override(language):
            labels[language] = str(text)
    return labels


def choice(choices, value) -> dict | None:
    """A coded value (a status, a channel) with its label in both languages."""
    if value in (None, ""):
        return None
    labels = dict(choices)
    return {"code": value, **both(labels.get(value, value))}
