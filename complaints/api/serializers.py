"""What the staff API reads and writes. Output serializers show a complaint as the queue (list,
CPR masked) and the case page (detail) do; input serializers are the case page's action forms."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import case_actions, references, sla
from ..admin_forms import officers_of
from ..admin_queue import ANSWERED
from ..models import Category, Complaint, ComplaintEvent, Department, LegalClause


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
        standing = sla.standing(due_at=timezone.localtime(complaint.due_at), now=timezone.localtime(),
                                paused=complaint.sla_paused_at is not None, answered=complaint.status in ANSWERED)
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


# --- The actions' input: the case page's forms (admin_forms) -------------------------------------

class ActionInput(serializers.Serializer):
    def __init__(self, *args, complaint: Complaint | None = None, visible=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint, self.visible = complaint, visible


class AssignInput(ActionInput):
    officer = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.none(),
                                                 help_text="An officer of the complaint's department.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.complaint is not None:
            self.fields["officer"].queryset = officers_of(self.complaint.department_id)


class TransferInput(ActionInput):
    to_department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
    reason = serializers.CharField(max_length=2000)


class RequestInformationInput(ActionInput):
    question = serializers.CharField(max_length=4000, help_text="Sent to the citizen; the clock pauses.")


class ReplyInput(ActionInput):
    text = serializers.CharField(max_length=10_000, help_text="In the citizen's language.")
    clauses = serializers.PrimaryKeyRelatedField(queryset=LegalClause.objects.filter(is_active=True), many=True,
                                                 required=False, help_text="Legal clauses cited.")


class NoteInput(ActionInput):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="",
                                 help_text="Staff only.")


class ReopenInput(ActionInput):
    reason = serializers.CharField(max_length=2000)


class MergeInput(ActionInput):
    reference = serializers.CharField(max_length=40, help_text="An open complaint from the same citizen.")

    def validate_reference(self, value):
        reference = references.parse(value)
        if reference is None:
            raise serializers.ValidationError(_("This is not a valid reference: check the digits."))
        target = self.visible.filter(reference=reference).first()
        if target is None:
            raise serializers.ValidationError(_("There is no complaint with this reference that you can see."))
        return target
