"""A complaint with every kind of record that holds personal data, closed long ago, and the
people who handle citizens' data requests."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from channels_intake.models import BoxLetter, Call, InboundItem, MediaItem, SocialPost
from complaints.models import (Attachment, Complaint, ComplaintEvent, Notification, Rating, Referral, Reply,
                               SearchText)
from minister_office.models import AgendaItem, CouncilSession, Directive, FollowUp, UrgencyAssessment, UrgencyWeights
from tests.factories import CitizenFactory, ComplaintFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERIOD_DAYS = 365
NOW = timezone.now()


@pytest.fixture(autouse=True)
def retention_period(settings):
    settings.RETENTION_CLOSED_DAYS = PERIOD_DAYS


@pytest.fixture
def data_protection_officer(staff_member):
    return staff_member("dpo.huda", "data-protection-officer", first_name="Huda", email="dpo@housing.gov.bh")


@pytest.fixture
def staff(db):
    return UserFactory(username="officer.ali")


@pytest.fixture
def full_case(staff, maintenance, maintenance_category):
    """Makes a complaint with all its records; `closed_days_ago` sets its last change."""

    def make(citizen=None, *, closed_days_ago=PERIOD_DAYS + 30, status=Complaint.Status.CLOSED,
             channel=Complaint.Channel.WEB, tag="A", with_follow_up_open=False, **values):
        citizen = citizen or CitizenFactory(name=f"Fatima {tag}", email=f"{tag.lower()}@example.com")
        received = NOW - timedelta(days=closed_days_ago + 20)
        complaint = ComplaintFactory(**{
            "citizen": citizen, "status": status, "channel": channel, "department": maintenance,
            "category": maintenance_category, "received_at": received, "responded_at": received + timedelta(days=5),
            "contact_mobile": citizen.mobile, "contact_email": citizen.email,
            "housing_application_number": f"HA-{tag}-77", "subject": f"Leak at {citizen.name}'s flat {tag}",
            "body": f"{citizen.name}, CPR {citizen.cpr}, road 12 house {tag}", **values})
        at = received + timedelta(days=1)
        SearchText.objects.create(complaint=complaint, text=f"leak {citizen.name.lower()}")
        ComplaintEvent.objects.create(complaint=complaint, kind="citizen_answered", created_at=at, is_public=True,
                                      note=f"My son {tag} has asthma")
        ComplaintEvent.objects.create(complaint=complaint, kind="rated", created_at=at, data={"score": 2},
                                      note=f"Rude answer to {citizen.name}")
        ComplaintEvent.objects.create(complaint=complaint, kind="council_decided", created_at=at,
                                      note=f"Allocate a flat to {citizen.name}",
                                      data={"session": 1, "follow_up": f"Visit {citizen.name} at home"})
        Reply.objects.create(complaint=complaint, text=f"Dear {citizen.name}, we will repair it.", language="en",
                             author=staff, created_at=at)
        Rating.objects.create(complaint=complaint, responded_at=at, score=2, comment=f"{citizen.name} is unhappy",
                              created_at=at)
        Notification.objects.create(complaint=complaint, kind="replied", channel="sms", recipient=citizen.mobile,
                                    language="ar", cause=f"reply-{complaint.pk}", created_at=at, sent_at=at,
                                    context={"council_decision": "a flat"})
        Referral.objects.create(complaint=complaint, department=maintenance, is_lead=True, referred_by=staff,
                                referred_at=at, note=f"See {citizen.name}", answer="Visited the family",
                                answered_at=at)
        attachment = Attachment(complaint=complaint, original_name=f"{citizen.name} lease.pdf",
                                content_type="application/pdf", size=len(PDF))
        attachment.file.save("lease.pdf", ContentFile(PDF))
        InboundItem.objects.create(channel=channel, external_id=f"in-{tag}-{complaint.pk}", received_at=at,
                                   payload={"name": citizen.name, "cpr": citizen.cpr}, state="processed",
                                   complaint=complaint)
        Call.objects.create(call_id=f"call-{tag}-{complaint.pk}", caller_number=citizen.mobile, started_at=at,
                            citizen=citizen, notes=f"{citizen.name} called", complaint=complaint,
                            telephony_record={"caller": citizen.mobile})
        SocialPost.objects.create(platform="x", post_id=f"p-{tag}-{complaint.pk}", author_handle=f"@{tag}_fatima",
                                  text=f"Help {citizen.name}", posted_at=at, received_at=at, state="converted",
                                  complaint=complaint)
        letter = BoxLetter(complaint=complaint, box="Isa Town", collected_on=at.date(), opened_by=staff,
                           witnessed_by="Khalid")
        letter.scan.save("scan.pdf", ContentFile(PDF))
        item = MediaItem(outlet="Al Ayam", medium="print", published_on=at.date(), headline=f"{citizen.name}'s home",
                         excerpt=f"The family of {citizen.name}", logged_by=staff, logged_at=at, complaint=complaint,
                         clipping_name="page5.pdf", clipping_type="application/pdf")
        item.clipping.save("page5.pdf", ContentFile(PDF))
        weights = UrgencyWeights.objects.first() or UrgencyWeights.objects.create(changed_at=at)
        UrgencyAssessment.objects.create(
            complaint=complaint, assessed_by=staff, assessed_at=at, household_size=6, monthly_income=Decimal("400"),
            dependants=4, members_with_disability=1, elderly_members=1, members_with_chronic_illness=1,
            housing="overcrowded", eviction_notice=True, years_on_waiting_list=9, weights=weights,
            weights_used={}, breakdown=[{"code": "low_income", "counted": "400", "points": 10}], score=88,
            threshold=50, scored_urgent=True, override_reason=f"{citizen.name}'s daughter is disabled", urgent=True)
        Directive.objects.create(complaint=complaint, text=f"Help {citizen.name} at once", given_by=staff,
                                 given_at=at)
        session = CouncilSession.objects.create(held_at=at, place="Ministry", created_by=staff, created_at=at)
        agenda_item = AgendaItem.objects.create(session=session, complaint=complaint, position=1, invited_at=at,
                                                attendance="attended", decision=f"{citizen.name} gets a flat",
                                                decided_at=at)
        FollowUp.objects.create(item=agenda_item, action=f"Hand {citizen.name} the keys", department=maintenance,
                                due_on=date.today(), closed_at=None if with_follow_up_open else at,
                                closing_note="" if with_follow_up_open else "Keys handed over")
        # Last: the last change sets the start of the retention period.
        Complaint.objects.filter(pk=complaint.pk).update(updated_at=NOW - timedelta(days=closed_days_ago))
        complaint.refresh_from_db()
        return complaint

    return make
