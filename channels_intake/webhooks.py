"""Machine endpoints under /api/v1/intake/: verify the signature, accept the item, answer in JSON."""

import json
import time

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from complaints.models import Complaint

from . import inbound, signatures, tawasul


def _signed_json(request, secret: str):
    signatures.verify(secret=secret, timestamp=request.headers.get("X-Signature-Timestamp"), body=request.body,
                      signature=request.headers.get("X-Signature"), now=time.time())
    payload = json.loads(request.body)
    if not isinstance(payload, dict):
        raise ValueError("The body must be a JSON object.")
    return payload


@csrf_exempt  # a machine caller: the HMAC signature, not a cookie, proves who sent it
@require_POST
def tawasul_case(request):
    try:
        payload = _signed_json(request, settings.TAWASUL_WEBHOOK_SECRET)
    except signatures.BadSignature as error:
        return JsonResponse({"error": str(error)}, status=401)
    except ValueError as error:
        return JsonResponse({"error": f"Malformed JSON: {error}"}, status=400)
    try:
        item, created = inbound.accept(channel=Complaint.Channel.TAWASUL, external_id=tawasul.case_number(payload),
                                       payload=payload, translate=tawasul.translate)
    except inbound.Rejected as rejection:
        return JsonResponse({"errors": rejection.errors}, status=400)
    return JsonResponse({"reference": item.complaint.display_reference, "case_number": item.external_id,
                         "duplicate": not created}, status=201 if created else 200)
