"""Query-string filters of the complaints list. The SLA states and "open" are the complaints'
queryset methods the staff queue uses too, so `?sla=overdue` here and in the back office agree."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import SLA_STATES, Category, Complaint, Department


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """Any ISO 8601 offset Python accepts, handed to the database in UTC: PostgreSQL refuses
    offsets beyond ±15:59, which a caller may well send."""

    def clean(self, value):
        cleaned = super().clean(value)
        return cleaned.astimezone(datetime.UTC) if cleaned else cleaned


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class ComplaintFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Complaint.Status.choices, label=_("status"))
    channel = django_filters.MultipleChoiceFilter(choices=Complaint.Channel.choices, label=_("channel"))
    kind = django_filters.ChoiceFilter(choices=Complaint.Kind.choices, label=_("kind"))
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("department"))
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all(), label=_("category"))
    sla = django_filters.ChoiceFilter(choices=SLA_STATES, method="filter_sla", label=_("answer due"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("open or closed"))
    is_urgent = django_filters.BooleanFilter(label=_("urgent"))
    received_after = UtcDateTimeFilter(field_name="received_at", lookup_expr="gte",
                                                      label=_("received from"))
    received_before = UtcDateTimeFilter(field_name="received_at", lookup_expr="lt",
                                                       label=_("received before"))

    class Meta:
        model = Complaint
        fields = []

    def filter_sla(self, queryset, name, value):
        return queryset.sla_state(value, now=timezone.now())

    def filter_open(self, queryset, name, value):
        return queryset.open() if value else queryset.ended()
