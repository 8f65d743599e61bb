"""Machine endpoints under /api/v1/intake/: verify the signature, accept the item, answer in JSON.

Each channel is a subclass of SignedWebhook naming its secret, its channel, how to find the
item's own id and how to translate the payload. The OpenAPI schema at /api/schema/ documents them.
"""

import json
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from channels_intake import inbound, signatures
from channels_intake.calls import call_log as calls
from channels_intake.models import InboundItem, SocialPost
from channels_intake.social import posts as social
from channels_intake.tawasul import inbound_cases as tawasul
from complaints.models import Complaint
from housing_portal import json_parsing

SIGNATURE_HEADERS = [
    OpenApiParameter("X-Signature-Timestamp", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
                     description="Seconds since 1970-01-01 UTC; refused when more than 5 minutes from now."),
    OpenApiParameter("X-Signature", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
                     description='Hex HMAC-SHA256 of "<timestamp>.<raw body>" with the channel\'s shared secret '
                                 '(an optional "sha256=" prefix is accepted).'),
]
ERRORS = inline_serializer("IntakeErrors", {"errors": serializers.DictField(
    child=serializers.ListField(child=serializers.CharField()))})
ERROR = inline_serializer("IntakeError", {"error": serializers.CharField()})
REFUSED = PolymorphicProxySerializer(component_name="IntakeRefusal", serializers=[ERRORS, ERROR],
                                     resource_type_field_name=None)


class RawJSONParser(BaseParser):
    """Leaves the body as bytes: the signature covers the exact bytes sent, so they are parsed
    only after it is checked."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read()


class SignedWebhook(APIView):
    """A channel that posts JSON items signed with a shared secret. Subclasses set the names below."""

    authentication_classes: list = []  # the HMAC signature, not a user or a cookie, proves who sent it
    permission_classes = [AllowAny]
    parser_classes = [RawJSONParser]
    secret_setting = ""
    channel = ""

    def external_id(self, payload: dict) -> str:
        raise NotImplementedError

    def translate(self, payload: dict):
        raise NotImplementedError

    def door_errors(self, payload: dict) -> dict:
        """Errors that refuse the item before anything of it is stored (an impossible date)."""
        return {}

    def answer(self, item, created: bool) -> dict:
        return {"reference": item.complaint.display_reference, "external_id": item.external_id,
                "duplicate": not created}

    def post(self, request):
        try:
            payload = self.signed_payload(request)
        except signatures.BadSignature as error:
            return Response({"error": str(error)}, status=401)
        except ValueError as error:
            return Response({"error": f"Malformed JSON: {error}"}, status=400)
        return self.accept(payload)

    def accept(self, payload: dict) -> Response:
        """Stores the item and makes its complaint (once); a channel whose items are not
        complaints overrides this."""
        if errors := self.door_errors(payload):
            return Response({"errors": errors}, status=400)
        try:
            item, created = inbound.accept(channel=self.channel, external_id=self.external_id(payload),
                                           payload=payload, translate=self.translate)
        except inbound.Rejected as rejection:
            return Response({"errors": rejection.errors}, status=400)
        except inbound.Kept as kept:
            return kept_answer(kept)
        return Response(self.answer(item, created), status=201 if created else 200)

    def signed_payload(self, request) -> dict:
        payload = json_parsing.loads(self.verified_body(request))
        if not isinstance(payload, dict):
            raise ValueError("The body must be a JSON object.")
        return payload

    def verified_body(self, request) -> bytes:
        body = request.body
        signatures.verify(secret=getattr(settings, self.secret_setting), body=body, now=time.time(),
                          timestamp=request.headers.get("X-Signature-Timestamp"),
                          signature=request.headers.get("X-Signature"))
        return body

def kept_answer(kept) -> Response:
    """Accepted, then failed: the item is kept as a dead letter for staff, so the sender is done."""
    return Response({"external_id": kept.item.external_id, "state": kept.item.state, "kept_for_staff": True},
                    status=202)


KEPT = inline_serializer("IntakeKept", {"external_id": serializers.CharField(), "state": serializers.CharField(),
                                        "kept_for_staff": serializers.BooleanField()})


def documented(*, summary: str, request_example: dict, created: dict, operation_id: str,
               created_description: str = "Stored and made into a complaint.",
               refused_description: str = "Malformed or missing fields; the item is kept to retry."):
    """The OpenAPI description every signed intake webhook shares."""
    return extend_schema(
        operation_id=operation_id, summary=summary, tags=["intake"], auth=[], parameters=SIGNATURE_HEADERS,
        request={"application/json": OpenApiTypes.OBJECT},
        responses={
            201: OpenApiResponse(inline_serializer(f"{operation_id}_created", created),
                                 description=created_description),
            200: OpenApiResponse(inline_serializer(f"{operation_id}_again", created),
                                 description="Delivered before: the first outcome, nothing done again."),
            202: OpenApiResponse(KEPT, description="Accepted, but processing it failed: kept (a dead letter) "
                                                   "for the ministry's staff to correct and process; do not resend."),
            # A body that is not JSON (or not the JSON shape) is refused before any field is read.
            400: OpenApiResponse(REFUSED, description=f"{refused_description} A body that is not JSON, or not "
                                                      "an object (a list for social posts), gets `error`."),
            401: OpenApiResponse(ERROR, description="Missing, wrong or stale signature; nothing stored."),
        },
        description=f"Example body:\n\n```json\n{json.dumps(request_example, ensure_ascii=False, indent=2)}\n```",
    )


class TawasulCaseWebhook(SignedWebhook):
    secret_setting = "TAWASUL_WEBHOOK_SECRET"
    channel = Complaint.Channel.TAWASUL

    def external_id(self, payload):
        return tawasul.case_number(payload)

    def translate(self, payload):
        return tawasul.translate(payload)

    def door_errors(self, payload):
        return tawasul.door_errors(payload, now=timezone.now())

    def answer(self, item, created):
        return {"reference": item.complaint.display_reference, "case_number": item.external_id,
                "duplicate": not created}

    @documented(
        operation_id="intake_tawasul_case", summary="A case from Tawasul, the national complaints system",
        request_example={"case_number": "TW-2026-004211", "type": "complaint", "language": "ar",
                         "subject": "تسرب مياه", "description": "...", "submitted_at": "2026-11-20T09:15:00+03:00",
                         "citizen": {"name": "...", "cpr": "850412345", "mobile": "+97339123456", "email": ""}},
        created={"reference": serializers.CharField(), "case_number": serializers.CharField(),
                 "duplicate": serializers.BooleanField()},
    )
    def post(self, request):
        return super().post(request)


class CallRecordWebhook(SignedWebhook):
    """The telephone system of the hotline 80008001 reports each call. A call is not a complaint,
    so it skips the inbound items: the Call row, unique on the call id, is the raw record."""

    secret_setting = "TELEPHONY_WEBHOOK_SECRET"
    channel = Complaint.Channel.CALL_CENTRE

    @documented(
        operation_id="intake_call_record", summary="A call to the hotline 80008001, from the telephone system",
        request_example={"call_id": "PBX-20261125-000123", "caller": "+97339123456",
                         "started_at": "2026-11-25T09:14:05+03:00", "wait_seconds": 42, "duration_seconds": 305,
                         "status": "answered", "agent": "2107"},
        created={"call_id": serializers.CharField(), "status": serializers.CharField(),
                 "duplicate": serializers.BooleanField()},
        created_description="Stored as a call (a call is not a complaint: the agent logs what it was about).",
        refused_description="Malformed JSON or missing or bad fields, each named; nothing is stored.",
    )
    def post(self, request):
        return super().post(request)

    def accept(self, payload):
        try:
            call, created = inbound.attempt(
                channel=InboundItem.Channel.CALL_CENTRE, external_id=str(payload.get("call_id", "")).strip(),
                payload=payload, run=lambda: calls.record_telephony_call(payload), refusals=(ValidationError,))
        except ValidationError as error:  # the door: a bad field, nothing stored
            return Response({"errors": error.message_dict}, status=400)
        except inbound.Kept as kept:
            return kept_answer(kept)
        return Response({"call_id": call.call_id, "status": call.status, "duplicate": not created},
                        status=201 if created else 200)


class SocialPostWebhook(SignedWebhook):
    """Posts found by the social-media listening service. They wait in the monitors' inbox: a
    post is not a complaint until a monitor makes it one."""

    secret_setting = "SOCIAL_WEBHOOK_SECRET"
    channel = Complaint.Channel.SOCIAL_MEDIA

    @documented(
        operation_id="intake_social_posts", summary="Social media posts for the monitors' inbox",
        request_example=[{"platform": "x", "post_id": "1861234567890123456", "author_handle": "@bh_citizen",
                          "text": "...", "link": "https://x.com/bh_citizen/status/1861234567890123456",
                          "posted_at": "2026-11-27T21:40:00+03:00"}],
        created={"posts": inline_serializer("SocialPostOutcome", {
            "platform": serializers.CharField(), "post_id": serializers.CharField(),
            "state": serializers.ChoiceField(choices=SocialPost.State.choices),
            "duplicate": serializers.BooleanField()}, many=True)},
        refused_description='Malformed or missing fields, named per post ("posts[1].text"); no post of the delivery is stored.',
    )
    def post(self, request):
        """One post (a JSON object) or a batch (a JSON list of posts, at most 500). A post id
        already received is answered with its stored state and `duplicate: true`."""
        try:
            posts = social.posts_in(json_parsing.loads(self.verified_body(request)))
        except signatures.BadSignature as error:
            return Response({"error": str(error)}, status=401)
        except json.JSONDecodeError as error:
            return Response({"error": f"Malformed JSON: {error}"}, status=400)
        except ValueError as error:
            return Response({"error": str(error)}, status=400)
        try:
            outcomes = social.receive_posts(posts)
        except social.Refused as refusal:
            return Response({"errors": refusal.errors}, status=400)
        # A post kept as a dead letter (accepted, then not stored) is answered "failed": staff have it.
        kept = any(isinstance(post, social.KeptPost) for post, _created in outcomes)
        return Response({"posts": [{"platform": post.platform, "post_id": post.post_id, "state": post.state,
                                    "duplicate": not created} for post, created in outcomes]},
                        status=201 if any(created for _post, created in outcomes) else 202 if kept else 200)
