from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import Complaint
from complaints.sla import arithmetic, sweep
from minister_office import services
from minister_office.models import SlaEscalation
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_answer_that_becomes_overdue_is_escalated_to_the_office(maintenance):
    now = timezone.now()
    overdue = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance,
                               received_at=now - timedelta(days=31), due_at=now - timedelta(hours=1),
                               clock__next_action_at=now - timedelta(hours=1), clock__stage=2)
    on_time = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance)

    sweep.sweep(now=now, plan=arithmetic.SweepPlan(reminder_days=(7, 2)), chunk_size=100)

    assert list(SlaEscalation.objects.values_list("complaint_id", flat=True)) == [overdue.pk]
    assert on_time.sla_escalations.count() == 0


def test_a_case_is_on_the_list_once_until_acknowledged_then_again_if_it_breaches_again(maintenance, supervisor):
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance)
    sweep.sla_breached.send(sender=Complaint, complaint_ids=[complaint.pk])
    sweep.sla_breached.send(sender=Complaint, complaint_ids=[complaint.pk])
    assert SlaEscalation.objects.filter(acknowledged_at__isnull=True).count() == 1

    services.acknowledge_escalation(escalation=SlaEscalation.objects.get(), by=supervisor)
    sweep.sla_breached.send(sender=Complaint, complaint_ids=[complaint.pk])

    assert SlaEscalation.objects.count() == 2
    assert SlaEscalation.objects.filter(acknowledged_by=supervisor).count() == 1
