"""A citizen following a complaint the whole way: the reference and the mobile's last four digits
(the status), then the code the SMS brought (the content)."""

import re

from complaints.models import Notification
from complaints.notifications import to_citizens
from complaints.notifications.sms import MemoryBackend


def show_status(client, complaint, *, digits=None, language="ar"):
    """The first step's answer (a redirect to the complaint's page when the digits are right)."""
    return client.post(f"/{language}/track/", {"reference": complaint.display_reference,
                                                "mobile_last_digits": digits or complaint.contact_mobile[-4:]})


def ask_for_code(client, complaint, *, language="ar"):
    return client.post(f"/{language}/track/{complaint.reference}/code/", {"send": "1"})


def deliver_codes() -> list[str]:
    """Sends the one-time codes waiting in the outbox, as the worker would; the codes the SMS carried."""
    waiting = Notification.objects.filter(kind=Notification.Kind.ONE_TIME_CODE, sent_at__isnull=True)
    before = len(MemoryBackend.outbox)
    for pk in waiting.order_by("pk").values_list("pk", flat=True):
        to_citizens.send(pk)
    return [re.search(r"\b\d{6}\b", sms.text).group(0) for sms in MemoryBackend.outbox[before:]]


def type_code(client, complaint, code, *, language="ar"):
    return client.post(f"/{language}/track/{complaint.reference}/code/", {"verify": "1", "code": code})


def open_content(client, complaint, *, language="ar") -> str:
    """Both steps; the address of the complaint's page, its content now open to this browser."""
    assert show_status(client, complaint, language=language).status_code == 302
    asked = ask_for_code(client, complaint, language=language)
    assert asked.status_code == 302
    if not asked["Location"].endswith("/code/"):  # this browser typed a code before
        return asked["Location"]
    [code] = deliver_codes()
    response = type_code(client, complaint, code, language=language)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]
