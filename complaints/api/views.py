"""The staff API's views: thin. Each reads through Complaint.objects.visible_to, and each action of
the table of case actions (complaints/case_actions.py) validates its input, calls the service the
case page calls, and answers with the event written."""

from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from complaints import case_actions, lifecycle, services
from complaints.api import serializers as s
from complaints.api.filters import ComplaintFilterSet
from complaints.api.permissions import StaffModelPermissions
from complaints.models import AccessRecord, Category, Complaint, Department
from complaints.security import access_records

READ = ("complaints.view_complaint",)
ACT = ("complaints.change_complaint",)
# A 400 is either a refusal ({"detail", "code"}) or, when a field is wrong, each field with its errors.
REFUSAL_OR_FIELD_ERRORS = {"anyOf": [
    {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}, "code": {"type": "string"}}},
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
]}
ERRORS = {
    400: OpenApiResponse(REFUSAL_OR_FIELD_ERRORS, description="Refused by the complaint's rules, or a field is "
                                                              "wrong (then each field names its errors)."),
    404: OpenApiResponse(s.ErrorSerializer, description="No such complaint for this user."),
    409: OpenApiResponse(s.ErrorSerializer, description="Not possible in the complaint's present status."),
}


class DueDateCursor(CursorPagination):
    """Pages by answer date like the queue, with an opaque cursor: never a COUNT over the table."""

    ordering = ("due_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _action(spec: case_actions.CaseAction):
    """One case action: POST /complaints/{id}/<name>/ with the action's input."""

    def view(self, request, pk=None):
        return self.act(request, spec)

    view.__name__ = spec.api_name
    view = action(detail=True, methods=["post"], url_path=spec.name)(view)
    return extend_schema(operation_id=f"complaints_{spec.api_name}", summary=spec.summary,
                         request=s.ACTION_INPUTS[spec.name],
                         responses={200: s.ActionResultSerializer, **ERRORS})(view)


@extend_schema_view(
    list=extend_schema(summary="Complaints this user may see, by answer date"),
    retrieve=extend_schema(summary="One complaint (recorded as an opening of the case)",
                           responses={200: s.ComplaintDetailSerializer, 404: ERRORS[404]}),
)
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[^/]+"  # any id reaches the view, to be answered 404 in JSON
    permission_classes = [StaffModelPermissions]
    read_permissions = READ
    act_permissions = ACT
    serializer_class = s.ComplaintSerializer
    pagination_class = DueDateCursor
    filter_backends = [DjangoFilterBackend]
    filterset_class = ComplaintFilterSet

    def get_queryset(self):
        complaints = Complaint.objects.select_related("department", "category", "assignee", "citizen")
        if self.action == "retrieve":
            complaints = complaints.select_related("master")
        return complaints.visible_to(self.request.user)

    def get_object(self):
        """Another department's complaint is simply not found, in the caller's language."""
        try:
            return super().get_object()
        except Http404:
            raise NotFound from None

    def get_serializer_class(self):
        return s.ComplaintDetailSerializer if self.action == "retrieve" else s.ComplaintSerializer

    def retrieve(self, request, *args, **kwargs):
        complaint = self.get_object()
        access_records.record(user=request.user, what=AccessRecord.What.OPENED_CASE, complaint=complaint,
                              detail="API")
        return Response(self.get_serializer(complaint).data)

    @extend_schema(summary="The complaint's timeline", responses={200: s.EventSerializer(many=True), 404: ERRORS[404]})
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None,
            read_permissions=READ + ("complaints.view_complaintevent",))
    def events(self, request, pk=None):
        events = self.get_object().events.select_related("actor", "from_department", "to_department")
        return Response(s.EventSerializer(events, many=True).data)

    @extend_schema(summary="The citizen's full CPR (recorded)", request=None,
                   responses={200: s.FullCprSerializer, 404: ERRORS[404]})
    @action(detail=True, methods=["post"], filter_backends=[],
            act_permissions=READ + ("complaints.view_citizen",))
    def cpr(self, request, pk=None):
        complaint = self.get_object()
        if complaint.citizen is None:
            return Response({"detail": _("This complaint has no citizen on record."), "code": "no_citizen"},
                            status=status.HTTP_404_NOT_FOUND)
        access_records.record(user=request.user, what=AccessRecord.What.UNMASKED_CPR, complaint=complaint)
        return Response({"cpr": complaint.citizen.cpr})

    def act(self, request, spec: case_actions.CaseAction):
        complaint = self.get_object()
        if spec.name not in case_actions.available_for(complaint):
            return _refusal(_("This action is not possible while the complaint is “%(status)s”.")
                            % {"status": complaint.get_status_display()}, "not_available", status.HTTP_409_CONFLICT)
        form = s.ACTION_INPUTS[spec.name](data=request.data, complaint=complaint, visible=self.get_queryset())
        form.is_valid(raise_exception=True)
        try:
            event = spec.call(complaint, form.validated_data, request.user)
        except lifecycle.IllegalTransition as refusal:
            return _refusal(str(refusal), "illegal_transition", status.HTTP_409_CONFLICT)
        except services.DomainError as refusal:
            return _refusal(str(refusal), "refused", status.HTTP_400_BAD_REQUEST)
        complaint.refresh_from_db()
        return Response({"complaint": s.ComplaintSerializer(complaint, context=self.get_serializer_context()).data,
                         "event": s.EventSerializer(event).data})


# One endpoint per case action of the table: POST /complaints/{id}/assign/, …/request-information/, …
for _spec in case_actions.ACTIONS.values():
    setattr(ComplaintViewSet, _spec.api_name, _action(_spec))


def _refusal(message: str, code: str, status_code: int) -> Response:
    return Response({"detail": message, "code": code}, status=status_code)


class ReferenceListViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = "[^/]+"
    permission_classes = [StaffModelPermissions]
    act_permissions = ()
    pagination_class = None  # a few dozen rows at most


@extend_schema_view(list=extend_schema(summary="Departments"), retrieve=extend_schema(summary="One department"))
class DepartmentViewSet(ReferenceListViewSet):
    queryset = Department.objects.order_by("name_en")
    serializer_class = s.DepartmentSerializer
    read_permissions = ("complaints.view_department",)


@extend_schema_view(list=extend_schema(summary="Categories (Open311 services)"),
                    retrieve=extend_schema(summary="One category"))
class CategoryViewSet(ReferenceListViewSet):
    queryset = Category.objects.order_by("name_en")
    serializer_class = s.CategorySerializer
    read_permissions = ("complaints.view_category",)
