"""What every citizen's form shares."""

from django import forms

QUESTION_MARKS = ("?", "؟")


class CitizenForm(forms.Form):
    """A label that asks a question ends in its question mark, without a colon after it. Django
    leaves out the colon after "?" but not after the Arabic "؟", which would read "ماذا تريد أن ترسل؟:"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if str(field.label or "").rstrip().endswith(QUESTION_MARKS):
                field.label_suffix = ""
