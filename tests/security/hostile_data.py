"""A ministry whose every text field holds script: what citizens type (name, subject, details,
the answer to a request for information, the rating comment, a file name, an Open311 address),
what staff type (a category's name, the question, the reply, a transfer reason, the urgency note,
the minister's directive, the council's place, decision and follow-up) and what arrives from
social media and the press. Each is stored through the service that stores it in real use.

Every payload that runs sets `window.__xss` or opens a dialog, which the browser test watches for."""

from django.core.files.base import ContentFile
from django.utils import timezone

from channels_intake.models import MediaItem, SocialPost
from complaints.routing import engine
from complaints import citizen_services, intake, lifecycle, services
from complaints.files import uploads
from complaints.models import Category, Complaint, Department
from minister_office import council
from minister_office import services as office_services

FLAG = "__xss"
SCRIPT = f"<script>window.{FLAG}=1</script>"
IMAGE = f'<img src=x onerror="window.{FLAG}=1">'
BREAKOUT = f'"><svg onload=window.{FLAG}=1>'
LINK = f"javascript:window.{FLAG}=1"
TEXTAREA = f"</textarea><script>window.{FLAG}=1</script>"
ARABIC = f"تسرب مياه {SCRIPT} في السقف <img src=x onerror=alert(1)> منذ شهرين"
TEMPLATE = "{{7*7}} {% now 'Y' %} <b onmouseover=alert(1)>"
EVERYTHING = " ".join((SCRIPT, IMAGE, BREAKOUT, LINK, TEXTAREA, ARABIC, TEMPLATE, "'-alert(1)-'"))
# A short one for fields of 30 to 200 characters.
SHORT = f'"><svg onload=window.{FLAG}=1>'

# Markup that must never reach a page unescaped.
RAW_MARKUP = ("<script>window.", "<img src=x onerror", "<svg onload", "<b onmouseover", "</textarea><script>")


def a_ministry_full_of_payloads(*, staff, office, unit, maintenance):
    """Returns the complaints made, after putting script in every field on the way."""
    category = Category.objects.create(code="xss-category", name_ar=f"فئة {SHORT}", name_en=f"Category {SHORT}",
                                       default_department=maintenance)
    citizen = intake.CitizenDetails(name=f"فاطمة {SHORT}", cpr="850412345", mobile="39123456",
                                    email="fatima@example.com", preferred_language="ar")
    first = intake.receive(intake.IntakeRequest(
        channel=Complaint.Channel.WEB, subject=f"تسرب {SHORT}"[:200], body=EVERYTHING, category=category,
        citizen=citizen, housing_application_number=SHORT[:30], external_reference="web-xss-1")).complaint
    engine.route_complaints([first.pk])
    first.refresh_from_db()
    upload = ContentFile(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", name=f"{IMAGE}.pdf")
    upload.content_type = "application/pdf"
    uploads.attach(first, [upload])
    services.transfer_complaint(complaint=first, to_department=unit, by=staff, reason=EVERYTHING)
    citizen_services.request_information(complaint=first, by=staff, question=EVERYTHING)
    citizen_services.add_information(complaint=first, text=EVERYTHING)
    services.send_reply(complaint=first, by=staff, text=EVERYTHING)
    citizen_services.rate_answer(complaint=first, score=4, comment=EVERYTHING)

    second = intake.receive(intake.IntakeRequest(
        channel=Complaint.Channel.TAHT_AMRAK, subject=f"رسالة {SHORT}", body=EVERYTHING, citizen=citizen,
        external_reference="box:xss-2", by=staff)).complaint
    engine.route_complaints([second.pk])
    second.refresh_from_db()
    services.set_urgency(complaint=second, urgent=True, by=staff, note=EVERYTHING)
    office_services.give_directive(complaint=second, text=EVERYTHING, by=staff, departments=[maintenance],
                                   lead=maintenance, follow_up_on=timezone.localdate())
    session = council.schedule_session(held_at=timezone.now(), place=f"قاعة {SHORT}", by=staff,
                                       members_present=EVERYTHING)
    [item] = council.add_to_agenda(session=session, complaints=[second], by=staff)
    council.record_outcome(item=item, attendance="attended", decision=EVERYTHING, by=staff,
                           follow_up_action=EVERYTHING[:300], follow_up_department=maintenance,
                           follow_up_due_on=timezone.localdate())

    SocialPost.objects.create(platform="x", post_id="xss-1", author_handle=f"@{SHORT}"[:64], text=EVERYTHING,
                              link=LINK, posted_at=timezone.now(), received_at=timezone.now())
    MediaItem.objects.create(outlet=f"Al Ayam {SHORT}", medium="print", published_on=timezone.localdate(),
                             headline=f"عنوان {SHORT}", excerpt=EVERYTHING, logged_by=staff,
                             logged_at=timezone.now())
    assert first.status in lifecycle.OPEN_STATUSES or first.status == Complaint.Status.RESPONDED
    assert Department.objects.filter(pk=office.pk).exists()
    return {"first": first, "second": second, "session": session}
