"""Reading JSON bodies from outside: strict JSON, and a body nested too deep is malformed, not a crash.

Python's json module accepts NaN and Infinity (which PostgreSQL's jsonb refuses at the insert) and
raises RecursionError on a body of a hundred thousand brackets; both used to end in a 500.
"""

import json

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def loads(body: bytes | str):
    """The decoded JSON; ValueError when it is not strict JSON or is nested too deep."""
    try:
        return json.loads(body, parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError(_("The JSON is nested too deeply.")) from None


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is not a JSON number.") % {"name": name})


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with the same refusal of bodies nested too deep (DRF already refuses NaN)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type=media_type, parser_context=parser_context)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
