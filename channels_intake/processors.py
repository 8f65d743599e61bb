"""What each machine channel makes of an accepted item, as one function of its payload returning
(what it made, created): the same functions at first delivery and when staff process a dead
letter again (channels_intake.dead_letters). Each checks the payload again, so a correction that
is still wrong is refused with the same messages as a delivery."""

from complaints import intake

from channels_intake import calls, open311, social, tawasul
from channels_intake.models import InboundItem


def tawasul_case(payload):
    result = intake.receive(tawasul.translate(payload))
    return result.complaint, result.created


def telephony_call(payload):
    return calls.record_telephony_call(payload)


def social_post(payload):
    return social.store_post(social.parse_post(payload))


def open311_request(payload):
    result = open311.receive_record(payload)
    return result.complaint, result.created


PROCESSORS = {
    InboundItem.Channel.TAWASUL: tawasul_case,
    InboundItem.Channel.CALL_CENTRE: telephony_call,
    InboundItem.Channel.SOCIAL_MEDIA: social_post,
    InboundItem.Channel.OPEN311: open311_request,
}
