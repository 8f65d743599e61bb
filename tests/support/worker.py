"""What the Celery worker does when intake prompts it, for tests that run without one."""

from complaints import intake


def completes_intake() -> int:
    """The worker's first step: completes the complaints the public channels stored with one insert
    (intake.receive's `complete_later`): citizen's record, first event, acknowledgement, search text."""
    return intake.complete_waiting(batch_size=200, limit=10_000)
