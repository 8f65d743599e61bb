"""Fixtures of the channels' tests."""

import pytest

from channels_intake.tawasul.client import MemoryBackend
from complaints.models import Complaint
from tests.factories import ComplaintFactory


@pytest.fixture
def tawasul(settings):
    """The bridge on, talking to the memory backend; returns it."""
    settings.TAWASUL_API_URL = "http://127.0.0.1:9/tawasul"
    settings.TAWASUL_BACKEND = "channels_intake.tawasul.client.MemoryBackend"
    MemoryBackend.reset()
    yield MemoryBackend
    MemoryBackend.reset()


@pytest.fixture
def prompts(monkeypatch):
    """The ids handed to Celery after commit, instead of a broker."""
    handed = []
    monkeypatch.setattr("channels_intake.tawasul.outbox.request_sending", handed.append)
    return handed


@pytest.fixture
def tawasul_case(maintenance):
    """Makes a complaint that came from Tawasul, routed to maintenance unless told otherwise."""
    def make(case_number="TW-2026-0050001", status=Complaint.Status.ROUTED, **values):
        values.setdefault("department", maintenance)
        return ComplaintFactory(channel=Complaint.Channel.TAWASUL, external_reference=case_number, status=status,
                                **values)
    return make
