"""SLA arithmetic: when a complaint must be answered. Pure functions; time is passed in."""

from datetime import datetime, timedelta


def answer_days(*, category_days: int | None, default_days: int) -> int:
    return category_days if category_days else default_days


def due_at(received_at: datetime, days: int) -> datetime:
    """Calendar days: a complaint received on the 1st with 30 days is due on the 31st, same time."""
    return received_at + timedelta(days=days)
