"""The form in which staff correct a dead letter's payload: JSON typed into a textarea."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _


def pretty(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)


class PayloadCorrectionForm(forms.Form):
    payload = forms.CharField(label=_("Corrected payload (JSON)"), strip=False,
                              widget=forms.Textarea(attrs={"rows": 24, "cols": 100, "dir": "ltr", "spellcheck": "false",
                                                           "class": "vLargeTextField"}))

    def clean_payload(self):
        text = self.cleaned_data["payload"]
        if "\x00" in text:
            raise forms.ValidationError(_("The payload may not contain NUL characters."))
        try:
            payload = json.loads(text)
        except RecursionError:
            raise forms.ValidationError(_("The payload is nested too deeply.")) from None
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON: %(problem)s at line %(line)d, column %(column)d.")
                % {"problem": error.msg, "line": error.lineno, "column": error.colno}) from None
        if not isinstance(payload, dict):
            raise forms.ValidationError(_("The payload must be a JSON object, between { and }."))
        if "\\u0000" in json.dumps(payload):
            raise forms.ValidationError(_("The payload may not contain NUL characters."))
        return payload
