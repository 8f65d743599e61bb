"""What each machine channel makes of an accepted item, as one function of its payload returning
(what it made, created): the same functions at first delivery and when staff process a dead
letter again (channels_intake.dead_letters.corrections). Each checks the payload again, so a correction that
is still wrong is refused with the same messages as a delivery."""

from channels_intake.calls import call_log
from channels_intake.models import InboundItem
from channels_intake.open311 import service_requests
from channels_intake.social import posts
from channels_intake.tawasul import inbound_cases
from complaints import intake


def tawasul_case(payload):
    result = intake.receive(inbound_cases.translate(payload))
    return result.complaint, result.created


def telephony_call(payload):
    return call_log.record_telephony_call(payload)


def social_post(payload):
    return posts.store_post(posts.parse_post(payload))


def open311_request(payload):
    result = service_requests.receive_record(payload)
    return result.complaint, result.created


PROCESSORS = {
    InboundItem.Channel.TAWASUL: tawasul_case,
    InboundItem.Channel.CALL_CENTRE: telephony_call,
    InboundItem.Channel.SOCIAL_MEDIA: social_post,
    InboundItem.Channel.OPEN311: open311_request,
}
