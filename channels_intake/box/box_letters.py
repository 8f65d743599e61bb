"""The "Taht Amrak" box: service-centre staff digitise each letter. The complaint goes to the
minister's office (routing sends every box letter there) and the citizen is told the reference
by SMS when the letter gives a mobile number (the intake's acknowledgement)."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from channels_intake.models import BoxLetter
from complaints import intake
from complaints.files import uploads
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint


def digitise_letter(*, box: str, collected_on, opened_by, witnessed_by: str, scan, citizen: CitizenDetails | None,
                    subject: str, text: str, language: str, letter_number: str) -> tuple[BoxLetter, bool]:
    """Stores the letter and its complaint together: (the letter, True). A letter number of that
    box already digitised is refused by the intake's (channel, external reference) rule, nothing
    is stored, and the first letter comes back: (that letter, False)."""
    scan.content_type = uploads.check(scan)
    scan.name = uploads.kept_name(scan.name, scan.content_type)  # the stored file's extension is its real type
    now = timezone.now()
    # The SLA runs from the day the letter left the box, not from the day it was typed in.
    received_at = now if collected_on >= timezone.localdate(now) else \
        timezone.make_aware(datetime.combine(collected_on, time(12)))
    with transaction.atomic():
        result = intake.receive(IntakeRequest(
            channel=Complaint.Channel.TAHT_AMRAK, subject=subject, body=text, language=language, citizen=citizen,
            external_reference=f"{box}:{letter_number}", by=opened_by, received_at=received_at,
        ), now=now)
        if not result.created:
            return result.complaint.box_letter, False
        return BoxLetter.objects.create(complaint=result.complaint, box=box, collected_on=collected_on,
                                        opened_by=opened_by, witnessed_by=witnessed_by, scan=scan), True
