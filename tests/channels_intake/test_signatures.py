"""Webhook signatures as a table: pure, with the time passed in."""

import pytest

from channels_intake.signatures import BadSignature, sign, verify

SECRET = "shared-secret"
BODY = b'{"case_number": "TW-1"}'
NOW = 1_800_000_000


def good(**changes):
    values = {"secret": SECRET, "timestamp": str(NOW), "body": BODY, "signature": sign(SECRET, str(NOW), BODY),
              "now": NOW}
    values.update(changes)
    return values


def test_a_correct_signature_passes():
    verify(**good())
    verify(**good(signature="sha256=" + sign(SECRET, str(NOW), BODY)))


@pytest.mark.parametrize(("changes", "reason"), [
    ({"signature": None}, "Missing"),
    ({"timestamp": None}, "Missing"),
    ({"signature": sign("another-secret", str(NOW), BODY)}, "does not match"),
    ({"signature": sign(SECRET, str(NOW), BODY)[:-2]}, "does not match"),          # truncated
    ({"body": BODY.replace(b"1", b"2")}, "does not match"),                        # one byte changed
    ({"now": NOW + 301}, "5 minutes"),                                             # stale
    ({"now": NOW - 301}, "5 minutes"),                                             # from the future
    ({"timestamp": "yesterday"}, "not a number"),
    ({"secret": ""}, "No secret"),
])
def test_bad_signatures_are_refused(changes, reason):
    with pytest.raises(BadSignature) as error:
        verify(**good(**changes))
    assert reason in str(error.value)


def test_the_edge_of_the_tolerance_is_accepted():
    verify(**good(now=NOW + 300))
