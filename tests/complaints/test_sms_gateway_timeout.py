"""A gateway that does not answer holds a worker no longer than SMS_GATEWAY_TIMEOUT_SECONDS."""

import time

import pytest

from complaints.notifications import sms
from tests.support.fake_http import FakeService


@pytest.fixture
def hanging_gateway():
    service = FakeService().start()
    service.mode, service.hang_seconds = "hang", 3
    yield service
    service.stop()


def test_a_gateway_that_hangs_fails_after_the_configured_timeout(settings, hanging_gateway):
    settings.SMS_BACKEND = "complaints.notifications.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_TIMEOUT_SECONDS = hanging_gateway.url + "/messages", 0.3
    started = time.monotonic()
    with pytest.raises(OSError):  # TimeoutError, or URLError wrapping it
        sms.send_sms(to="+97339123456", text="x")
    assert time.monotonic() - started < 2 and len(hanging_gateway.requests) == 1
