"""Open311 GeoReport v2 under /open311/v2/: thin views over channels_intake.open311.service_requests.

Reading is public (no personal data leaves); submitting needs the `api_key` of a registered
client (complaints.api_keys.Open311Client). Answers and errors follow the spec's shapes: a JSON
array, or XML at the same path ending in .xml.
"""

from datetime import timedelta
from datetime import timezone as dt_timezone
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from channels_intake import inbound
from channels_intake.models import InboundItem
from channels_intake.open311 import service_requests
from complaints import intake
from complaints.api_keys import keys
from complaints.api_keys.models import Open311Client
from complaints.models import Category
from complaints.plumbing import process_cache
from complaints.routing import rules
from complaints.security import proxies, throttle
from complaints.values import outside_dates, references
from housing_portal import json_parsing

# --- Shapes --------------------------------------------------------------------------------------

# The spec's error answer: always a list, even of one (drf-spectacular would unwrap a list serializer).
ERRORS = {"type": "array", "items": {"type": "object", "required": ["code", "description"], "properties": {
    "code": {"type": "integer"}, "description": {"type": "string"}}}}


class ServiceSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    service_name = serializers.CharField()
    description = serializers.CharField()
    metadata = serializers.BooleanField()
    type = serializers.ChoiceField(choices=["realtime", "batch", "blackbox"])
    keywords = serializers.CharField(allow_blank=True)
    group = serializers.CharField(allow_blank=True)


class AttributeValueSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class AttributeSerializer(serializers.Serializer):
    variable = serializers.BooleanField()
    code = serializers.CharField()
    datatype = serializers.ChoiceField(choices=["string", "number", "datetime", "text", "singlevaluelist",
                                                "multivaluelist"])
    required = serializers.BooleanField()
    datatype_description = serializers.CharField(allow_blank=True)
    order = serializers.IntegerField()
    description = serializers.CharField()
    values = AttributeValueSerializer(many=True)


class ServiceDefinitionSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    attributes = AttributeSerializer(many=True)


class ServiceRequestSerializer(serializers.Serializer):
    service_request_id = serializers.CharField(help_text="The complaint's reference.")
    status = serializers.ChoiceField(choices=["open", "closed"])
    status_notes = serializers.CharField()
    service_name = serializers.CharField(allow_null=True)
    service_code = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_null=True, help_text="Never published: always null.")
    agency_responsible = serializers.CharField(allow_null=True, help_text="The department handling it.")
    service_notice = serializers.CharField(allow_null=True)
    requested_datetime = serializers.DateTimeField()
    updated_datetime = serializers.DateTimeField()
    expected_datetime = serializers.DateTimeField(allow_null=True, help_text="The answer date; null once answered.")
    address = serializers.CharField(allow_null=True)
    address_id = serializers.CharField(allow_null=True)
    zipcode = serializers.CharField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    long = serializers.FloatField(allow_null=True)
    media_url = serializers.CharField(allow_null=True)


class SubmittedSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    service_notice = serializers.CharField()
    account_id = serializers.CharField(allow_null=True)


class TokenSerializer(serializers.Serializer):
    """A request accepted that then failed: kept for the ministry's staff, named by a token."""
    token = serializers.CharField()
    service_notice = serializers.CharField()
    account_id = serializers.CharField(allow_null=True)


class SubmissionInput(serializers.Serializer):
    api_key = serializers.CharField(max_length=100, help_text="The key the ministry gave your application.")
    jurisdiction_id = serializers.CharField(max_length=100, required=False, allow_blank=True)
    service_code = serializers.CharField(max_length=50)
    lat = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    long = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180)
    address_string = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    address_id = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    device_id = serializers.CharField(max_length=100, required=False, allow_blank=True)
    account_id = serializers.CharField(max_length=100, required=False, allow_blank=True)
    first_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=intake.BODY_MAX - 1000)
    media_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, data):
        if not (data.get("lat") is not None and data.get("long") is not None
                or data.get("address_string", "").strip() or data.get("address_id", "").strip()):
            raise serializers.ValidationError(_("Give the location: lat and long, address_string or address_id."))
        return data


THROTTLED = OpenApiResponse(ERRORS, description="Too many calls from this address or application: wait the "
                                                "seconds in the Retry-After header.")

# attribute[cpr] and the like, as the spec names them in a form post.
for _attribute in service_requests.ATTRIBUTES:
    SubmissionInput._declared_fields[f"attribute[{_attribute['code']}]"] = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text=_attribute["description"])


# --- XML ---------------------------------------------------------------------------------------

XML_ITEMS = {"services": "service", "service_requests": "request", "errors": "error", "attributes": "attribute",
             "values": "value"}


class Open311XMLRenderer(BaseRenderer):
    """The spec's XML: the view names the root element (`xml_root`)."""

    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        root_name = "errors" if _is_error_list(data) else getattr(view, "xml_root", "response")
        root = ElementTree.Element(root_name)
        _append(root, root_name, data)
        return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _is_error_list(data) -> bool:
    return isinstance(data, list) and bool(data) and isinstance(data[0], dict) and set(data[0]) == {"code",
                                                                                                  "description"}


def _append(element, name, value):
    if isinstance(value, list):
        for item in value:
            _append(ElementTree.SubElement(element, XML_ITEMS.get(name, "item")), XML_ITEMS.get(name, "item"), item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _append(ElementTree.SubElement(element, key), key, item)
    elif value is not None:
        element.text = str(value).lower() if isinstance(value, bool) else str(value)


# --- Views ---------------------------------------------------------------------------------------

def errors(status: int, *descriptions: str) -> Response:
    return Response([{"code": status, "description": str(text)} for text in descriptions], status=status)


class ByPathOnly(DefaultContentNegotiation):
    """The path says the format (.json or .xml; see open311_urls), whatever the Accept header says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PerClientAndAddress(BaseThrottle):
    """OPEN311_REQUESTS_PER_MINUTE calls per address, and submissions per client application
    wherever they come from (complaints.security.throttle: counted in the cache all web processes share)."""

    WINDOW_SECONDS = 60

    def allow_request(self, request, view):
        keys = [f"open311:address:{proxies.client_address(request)}"]
        if request.method == "POST":
            client = _client_of(request)
            if client is not None:
                keys.append(f"open311:client:{client.pk}")
        counts = throttle.record_all(keys, window_seconds=self.WINDOW_SECONDS)
        return max(counts) <= settings.OPEN311_REQUESTS_PER_MINUTE

    def wait(self):
        return self.WINDOW_SECONDS


class Open311View(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PerClientAndAddress]
    renderer_classes = [JSONRenderer]  # the .xml twin of each view renders XML instead
    content_negotiation_class = ByPathOnly

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = [{"code": response.status_code, "description": str(response.data["detail"])}]
        return response


class ServiceListView(Open311View):
    xml_root = "services"

    @extend_schema(operation_id="open311_services", summary="Services: the complaint categories", tags=["open311"],
                   auth=[], responses={200: ServiceSerializer(many=True), 429: THROTTLED})
    def get(self, request):
        return Response(service_requests.services())


class ServiceDefinitionView(Open311View):
    xml_root = "service_definition"

    @extend_schema(operation_id="open311_service_definition", summary="The extra fields a service takes",
                   tags=["open311"], auth=[],
                   responses={200: ServiceDefinitionSerializer, 404: ERRORS, 429: THROTTLED})
    def get(self, request, service_code):
        category = Category.objects.filter(code=service_code, is_active=True).first()
        if category is None:
            return errors(404, _("There is no service with this code."))
        return Response(service_requests.service_definition(category))


class RequestListView(Open311View):
    xml_root = "service_requests"
    parser_classes = [FormParser, MultiPartParser, json_parsing.JSONParser]

    @extend_schema(
        operation_id="open311_requests", summary="Service requests submitted through Open311", tags=["open311"],
        auth=[],
        parameters=[
            OpenApiParameter("service_request_id", str, description="References, separated by commas."),
            OpenApiParameter("service_code", str),
            OpenApiParameter("start_date", str, description="ISO 8601; default 90 days before end_date."),
            OpenApiParameter("end_date", str, description="ISO 8601; default now."),
            OpenApiParameter("status", str, description="open, closed, or both separated by a comma."),
            OpenApiParameter("jurisdiction_id", str),
        ],
        responses={200: ServiceRequestSerializer(many=True), 400: ERRORS, 429: THROTTLED})
    def get(self, request):
        found = service_requests.submitted_through_open311().select_related("category", "department", "master")
        params = request.query_params
        if params.get("service_request_id"):
            wanted = [references.parse(text) for text in params["service_request_id"].split(",")[:100]]
            found = found.filter(reference__in=[reference for reference in wanted if reference])
        else:
            try:
                end = _moment(params.get("end_date"), field="end_date") or timezone.now()
                start = (_moment(params.get("start_date"), field="start_date")
                         or end - timedelta(days=service_requests.DEFAULT_WINDOW_DAYS))
            except ValidationError as error:
                return errors(400, *_messages(error.message_dict))
            except ValueError:
                return errors(400, _("Give start_date and end_date in ISO 8601, e.g. 2026-11-01T00:00:00+03:00."))
            found = found.filter(received_at__gte=start, received_at__lte=end)
            if params.get("service_code"):
                found = found.filter(category__code=params["service_code"])
            statuses = {text.strip() for text in params.get("status", "").split(",") if text.strip()}
            if statuses - {"open", "closed"}:
                return errors(400, _("status is open, closed, or both separated by a comma."))
            if statuses == {"open"}:
                found = found.exclude(status__in=service_requests.ANSWERED)
            elif statuses == {"closed"}:
                found = found.filter(status__in=service_requests.ANSWERED)
        found = found.order_by("-received_at", "-id")[:service_requests.MAX_REQUESTS]
        return Response([service_requests.service_request(complaint) for complaint in found])

    @extend_schema(
        operation_id="open311_submit", summary="Submit a service request (becomes a complaint)", tags=["open311"],
        auth=[], request={"application/x-www-form-urlencoded": SubmissionInput, "application/json": SubmissionInput},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER,
                                     description="Optional: the same key sent again returns the first request.")],
        responses={201: OpenApiResponse(SubmittedSerializer(many=True), description="Received."),
                   200: OpenApiResponse(SubmittedSerializer(many=True), description="Sent before, same key."),
                   202: OpenApiResponse(TokenSerializer(many=True), description="Accepted, but it could not be "
                                        "registered: kept for the ministry's staff, who register it."),
                   400: ERRORS, 403: OpenApiResponse(ERRORS, description="Missing or unknown api_key."),
                   429: THROTTLED})
    def post(self, request):
        if not isinstance(request.data, dict):  # a form's QueryDict is a dict too
            return errors(400, _("Send the request's fields as a form or as a JSON object."))
        data = _flat(request.data)
        client = _client_of(request)
        if client is None:
            return errors(403, _("Missing or unknown api_key."))
        try:
            fields = _checked_submission(data)
        except serializers.ValidationError as invalid:
            return errors(400, *_messages(invalid.detail))
        category = rules.active_category(fields["service_code"])
        if category is None:
            return errors(400, _("There is no service with this code."))
        attributes = {code: fields.get(f"attribute[{code}]", "").strip() for code in service_requests.ATTRIBUTE_CODES}
        if attributes["kind"] and attributes["kind"] not in intake.KINDS:
            return errors(400, _("attribute[kind] is complaint, inquiry or suggestion."))
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > 64:
            return errors(400, _("Idempotency-Key is 64 characters at most."))
        submission = service_requests.Submission(
            client_slug=client.slug, category=category, attributes=attributes, idempotency_key=key,
            **{name: fields[name] for name in ("description", "address_string", "address_id", "first_name",
                                               "last_name", "email", "phone", "media_url")},
            lat=fields.get("lat"), long=fields.get("long"))
        request_ = service_requests.intake_request(submission)
        try:
            complaint, created = inbound.attempt(
                channel=InboundItem.Channel.OPEN311, external_id=request_.external_reference,
                payload=service_requests.record_of(submission, request_), refusals=(ValidationError,),
                run=lambda: _made(intake.receive(request_)))
        except ValidationError as error:
            return errors(400, *_messages(error.message_dict))
        except inbound.Kept as kept:
            # Accepted, then failed: kept for the ministry's staff to correct and process. GeoReport
            # answers a request not yet made with a token instead of its id.
            return Response([{"token": f"dead-letter-{kept.item.pk}", "service_notice": _(
                "Received; it will be registered by the ministry's staff."),
                "account_id": fields.get("account_id") or None}], status=202)
        client.mark_used(timezone.now())
        return Response([{"service_request_id": complaint.display_reference,
                          "service_notice": service_requests.service_notice(complaint),
                          "account_id": fields.get("account_id") or None}],
                        status=201 if created else 200)


class RequestDetailView(Open311View):
    xml_root = "service_requests"

    @extend_schema(operation_id="open311_request", summary="One service request by its reference",
                   tags=["open311"], auth=[], responses={200: ServiceRequestSerializer(many=True), 404: ERRORS,
                                                         429: THROTTLED})
    def get(self, request, service_request_id):
        reference = references.parse(service_request_id)
        complaint = (service_requests.submitted_through_open311().select_related("category", "department", "master")
                     .filter(reference=reference).first() if reference else None)
        if complaint is None:
            return errors(404, _("There is no service request with this id."))
        return Response([service_requests.service_request(complaint)])


def _made(result: intake.IntakeResult) -> tuple:
    return result.complaint, result.created


def _checked_submission(data: dict) -> dict:
    """SubmissionInput's checks, by a serializer of this request's own. Raises ValidationError."""
    serializer = SubmissionInput(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _moment(text, *, field: str):
    """An ISO 8601 moment; one without a UTC offset is Bahrain time. Handed on in UTC, since
    PostgreSQL refuses offsets beyond ±15:59 that a caller may send. ValueError when it is not a
    moment; ValidationError naming the field when it is out of bounds (checked before it is
    converted: year 1 or 9999 would overflow)."""
    if not text:
        return None
    moment = parse_datetime(text.strip())
    if moment is None:
        raise ValueError(text)
    outside_dates.check(moment, now=timezone.now(), field=field)
    return (timezone.make_aware(moment) if timezone.is_naive(moment) else moment).astimezone(dt_timezone.utc)


def _active_clients() -> dict:
    """Active clients by key hash, kept in the process (a switched-off key stops within
    process_cache.SECONDS): every submission needs its client."""
    return process_cache.cached("open311 clients", lambda: {
        client.key_hash: client for client in Open311Client.objects.filter(is_active=True)})


def _client_of(request):
    """The Open311 client whose api_key the request carries, looked up once per request (the
    throttle needs it before the view)."""
    if not hasattr(request, "open311_app"):
        request.open311_app = _active_clients().get(keys.digest(str(_flat(request.data).get("api_key") or "")))
    return request.open311_app


def _flat(data) -> dict:
    """Form posts give lists; JSON may give `attribute` as an object."""
    flat = {key: data.get(key) for key in data} if hasattr(data, "getlist") else dict(data) if isinstance(
        data, dict) else {}
    nested = flat.pop("attribute", None)
    if isinstance(nested, dict):
        flat.update({f"attribute[{code}]": value for code, value in nested.items()})
    return flat


def _messages(errors_by_field) -> list[str]:
    return [f"{field}: {message}" if field not in ("non_field_errors", "__all__") else str(message)
            for field, messages in errors_by_field.items() for message in messages]
