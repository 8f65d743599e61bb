"""The SLA sweep tells the core's `sla_breached` signal which complaints became overdue; the
office keeps each on its escalation list until someone there acknowledges it."""

from minister_office import services


def on_sla_breached(sender, *, complaint_ids, **kwargs):
    services.escalate_breaches(complaint_ids)
