"""What the staff API reads and writes. Output serializers show a complaint as the queue (list,
CPR masked) and the case page (detail) do; the actions' inputs are built from the table of case
actions (complaints/case_actions.py) that the case page's forms are built from too."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complaints import case_actions
from complaints.models import Category, Complaint, ComplaintEvent, Department


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ("id", "code", "name_ar", "name_en", "is_active")


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ("id", "code", "name_ar", "name_en", "default_department", "sla_days", "is_active")


class NamedSerializer(serializers.Serializer):
    """A department or category inside a complaint: its id and its name in the caller's language."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.get_username()


class SlaSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["on_time", "due_soon", "overdue", "paused", "answered"])
    days = serializers.IntegerField(help_text="Days left, or days overdue.")


class ComplaintSerializer(serializers.ModelSerializer):
    """One row of the list: no personal data but the CPR's last four digits."""

    reference = serializers.CharField(source="display_reference")
    department = NamedSerializer(allow_null=True)
    category = NamedSerializer(allow_null=True)
    assignee = PersonSerializer(allow_null=True)
    sla = serializers.SerializerMethodField()
    citizen_cpr = serializers.SerializerMethodField(help_text="Masked: only the last four digits.")

    class Meta:
        model = Complaint
        fields = ("id", "reference", "kind", "channel", "status", "subject", "department", "category", "assignee",
                  "is_urgent", "received_at", "due_at", "sla", "citizen_cpr")

    @extend_schema_field(SlaSerializer)
    def get_sla(self, complaint):
        standing = complaint.sla_standing()
        return {"state": standing.state, "days": standing.days}

    def get_citizen_cpr(self, complaint) -> str | None:
        return complaint.citizen.masked_cpr if complaint.citizen_id else None


class CitizenSerializer(serializers.Serializer):
    name = serializers.CharField()
    cpr = serializers.CharField(source="masked_cpr", help_text="Masked; POST …/cpr/ shows it in full, recorded.")
    mobile = serializers.CharField()
    email = serializers.CharField()
    preferred_language = serializers.CharField()


class ComplaintDetailSerializer(ComplaintSerializer):
    """The case: the citizen's details for those who may view citizens, the actions open now."""

    citizen = serializers.SerializerMethodField()
    merged_into = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()

    class Meta(ComplaintSerializer.Meta):
        fields = ComplaintSerializer.Meta.fields + (
            "body", "language", "citizen", "contact_mobile", "contact_email", "housing_application_number",
            "external_reference", "sla_paused_at", "responded_at", "updated_at", "merged_into",
            "available_actions")

    @extend_schema_field(CitizenSerializer(allow_null=True))
    def get_citizen(self, complaint):
        if complaint.citizen is None or not self.context["request"].user.has_perm("complaints.view_citizen"):
            return None
        return CitizenSerializer(complaint.citizen).data

    def get_merged_into(self, complaint) -> str | None:
        return complaint.master.display_reference if complaint.master_id else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=case_actions.ALL)))
    def get_available_actions(self, complaint):
        if not self.context["request"].user.has_perm("complaints.change_complaint"):
            return []
        return list(case_actions.available_for(complaint))


class FullCprSerializer(serializers.Serializer):
    cpr = serializers.CharField()


class EventSerializer(serializers.ModelSerializer):
    actor = PersonSerializer(allow_null=True)
    from_department = NamedSerializer(allow_null=True)
    to_department = NamedSerializer(allow_null=True)

    class Meta:
        model = ComplaintEvent
        fields = ("id", "kind", "created_at", "actor", "from_status", "to_status", "from_department",
                  "to_department", "note", "is_public")


class ActionResultSerializer(serializers.Serializer):
    complaint = ComplaintSerializer()
    event = EventSerializer()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(required=False)


# --- The actions' input: built from the table of case actions ------------------------------------

def serializer_field(spec: case_actions.Input) -> serializers.Field:
    common = {"help_text": spec.description or None}
    if spec.choices is not None:
        # The rows valid for the complaint at hand are set per request (ActionInput); these are
        # what the OpenAPI schema describes.
        return serializers.PrimaryKeyRelatedField(queryset=spec.choices(Complaint()), many=spec.many,
                                                  required=spec.required, **common)
    if spec.required:
        return serializers.CharField(max_length=spec.max_length, **common)
    return serializers.CharField(max_length=spec.max_length, required=False, allow_blank=True, default="",
                                 **common)


# The input of a case action: its fields, their valid rows for this complaint.
class ActionInput(serializers.Serializer):
    inputs: tuple[case_actions.Input, ...]

    def __init__(self, *args, complaint: Complaint | None = None, visible=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint, self.visible = complaint, visible
        for spec in self.inputs:
            if spec.choices is not None and complaint is not None:
                field = self.fields[spec.name]
                (field.child_relation if spec.many else field).queryset = spec.choices(complaint)

    def validate(self, attrs):
        for spec in self.inputs:
            if spec.clean is not None and spec.name in attrs:
                try:
                    attrs[spec.name] = spec.clean(attrs[spec.name], self.visible)
                except DjangoValidationError as error:
                    raise serializers.ValidationError({spec.name: error.messages}) from None
        return attrs


def _input_name(action: case_actions.CaseAction) -> str:
    """The name in the OpenAPI schema: AssignInput, NoteInput (shared by close and the urgent mark)…"""
    return (action.input_name or "".join(part.title() for part in action.name.split("-"))) + "Input"


def _action_inputs() -> dict[str, type[ActionInput]]:
    by_name = {}
    for action in case_actions.ACTIONS.values():
        name = _input_name(action)
        if name not in by_name:
            fields = {spec.name: serializer_field(spec) for spec in action.inputs}
            by_name[name] = type(name, (ActionInput,), {"inputs": action.inputs, **fields})
    return {action.name: by_name[_input_name(action)] for action in case_actions.ACTIONS.values()}


ACTION_INPUTS = _action_inputs()
