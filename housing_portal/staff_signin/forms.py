from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app, or a backup code (the template draws the input)."""

    code = forms.CharField(label=_("Code"), max_length=32)
