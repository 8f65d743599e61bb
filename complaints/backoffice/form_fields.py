"""Form fields shared by the back office's forms."""

from django import forms
from django.core.exceptions import ValidationError

BIGGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids no id column holds: SQLite raises OverflowError (a 500) for
    `pk__in` with one, where a form should say the choice is not valid (found by fuzzing)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # not a number: Django's own check refuses it
            if not -BIGGEST_ID - 1 <= number <= BIGGEST_ID:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)
