"""The minister's office in `manage.py seed_demo`: the
morning's Taht Amrak letters studied, one case directed and referred to two bodies of which one
has answered, a council session next week with its citizens invited and one held yesterday with
its decision and an open follow-up. Everything goes through the office's own services.

Safe to run again: each part is looked up before it is made (a studied letter, the directive,
each session by its place), so a second run adds nothing.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint, Department, Referral
from minister_office import council, services
from minister_office.council_models import AgendaItem, CouncilSession, FollowUp
from minister_office.models import Directive, UrgencyAssessment
from minister_office.urgency import Circumstances, Housing

# Letters studied are at least this old, so that the office's work on them (three days ago onwards)
# comes after they arrived on every case's timeline.
STUDIED_LETTERS_OLDER_THAN = timedelta(days=4)
STUDIES_STARTED = timedelta(days=3)
UPCOMING_SESSION_PLACE = "قاعة مجلس الوزارة، الطابق الثالث — مبنى وزارة الإسكان، المنامة"
PAST_SESSION_PLACE = "قاعة الاجتماعات الكبرى — مبنى وزارة الإسكان، المنامة"
SESSION_HOUR = time(10)


@dataclass(frozen=True)
class Study:
    circumstances: Circumstances
    override: str = ""
    override_reason: str = ""


def family(*, household_size, monthly_income, dependants=0, members_with_disability=0, elderly_members=0,
           members_with_chronic_illness=0, housing=Housing.RENTED, eviction_notice=False, years_on_waiting_list=0):
    return Circumstances(household_size=household_size, monthly_income=Decimal(monthly_income),
                         dependants=dependants, members_with_disability=members_with_disability,
                         elderly_members=elderly_members, members_with_chronic_illness=members_with_chronic_illness,
                         housing=housing, eviction_notice=eviction_notice, years_on_waiting_list=years_on_waiting_list)


# With the default weights: 105, 89, 71 and 85 points (urgent, threshold 50), 25 points decided
# urgent by the office against the score, and 4 points (not urgent).
STUDIES = (
    Study(family(household_size=6, monthly_income="500", dependants=4, members_with_disability=1, elderly_members=1,
                 housing=Housing.OVERCROWDED, eviction_notice=True, years_on_waiting_list=8)),
    Study(family(household_size=5, monthly_income="300", dependants=3, members_with_disability=1,
                 housing=Housing.UNSAFE, years_on_waiting_list=10)),
    Study(family(household_size=4, monthly_income="350", dependants=2, elderly_members=1, housing=Housing.RENTED,
                 eviction_notice=True, years_on_waiting_list=6)),
    Study(family(household_size=7, monthly_income="600", dependants=4, members_with_chronic_illness=2,
                 housing=Housing.SHARED, years_on_waiting_list=12)),
    Study(family(household_size=3, monthly_income="700", dependants=1, members_with_chronic_illness=1,
                 housing=Housing.RENTED, years_on_waiting_list=3),
          override=UrgencyAssessment.Override.URGENT,
          override_reason="الأب في العناية المركزة منذ شهر والأسرة بلا دخل حتى عودته إلى العمل؛ "
                          "عقد الإيجار ينتهي نهاية الشهر."),
    Study(family(household_size=2, monthly_income="1200", housing=Housing.OWNED)),
)

DIRECTIVE_TEXT = ("توجيه معالي الوزير: تُعرض حالة الأسرة على لجنة الإسكان لتخصيص وحدة عاجلة، "
                  "وتُفيد الشؤون القانونية بشأن إشعار الإخلاء.")
DIRECTIVE_BODIES = ("housing-committee", "legal-affairs")  # the first leads
REFERRAL_ANSWER = ("لا مانع قانونياً من التخصيص العاجل؛ تم التواصل مع المؤجر وتأجيل الإخلاء "
                   "إلى حين تسلّم الأسرة الوحدة.")
PAST_DECISION = "يوافق المجلس على تخصيص وحدة سكنية مؤقتة للأسرة خلال شهر، إلى حين توفر وحدة دائمة."
PAST_FOLLOW_UP = "تسليم مفاتيح الوحدة المؤقتة للأسرة وإفادة مكتب الوزير."


def seed_demo(*, users, now) -> dict[str, tuple[int, int]]:
    office = users["ministers-office"]
    letters = letters_to_study(now=now)
    studied = study_letters(letters, by=office, now=now)
    urgent = [letter for letter in letters if letter.urgency_assessments.order_by("-assessed_at").first().urgent]
    directed = direct_and_refer(urgent[0], by=office, answered_by=users["supervisor"], now=now) if urgent else 0
    past = hold_past_session(urgent[3:4], by=office, now=now)
    upcoming = schedule_upcoming_session(urgent[:3], by=office, now=now)
    sessions = CouncilSession.objects.filter(place__in=(UPCOMING_SESSION_PLACE, PAST_SESSION_PLACE))
    return {
        "Urgency studies of Taht Amrak letters": (
            UrgencyAssessment.objects.filter(complaint__in=letters).count(), studied),
        "Minister's directives with referrals": (
            Directive.objects.filter(complaint__in=letters, text=DIRECTIVE_TEXT).count(), directed),
        "Referrals answered to the office": (
            Referral.objects.filter(complaint__in=letters, answered_at__isnull=False).count(), directed),
        "Ministry Council sessions": (sessions.count(), past + upcoming),
        "Cases on council agendas": (
            AgendaItem.objects.filter(session__in=sessions).count(), len(urgent[3:4]) * past + 3 * upcoming),
        "Council follow-ups open": (
            FollowUp.objects.filter(item__session__in=sessions, closed_at__isnull=True).count(), past),
    }


def letters_to_study(*, now) -> list[Complaint]:
    """The oldest open Taht Amrak letters from a citizen the office can invite: the same ones on
    every run, since the office's work changes neither their status nor their age."""
    return list(Complaint.objects.open().filter(channel=Complaint.Channel.TAHT_AMRAK,
                                         citizen__isnull=False, received_at__lte=now - STUDIED_LETTERS_OLDER_THAN)
                .order_by("received_at", "pk")[:len(STUDIES)])


def study_letters(letters, *, by, now) -> int:
    already = set(UrgencyAssessment.objects.filter(complaint__in=letters).values_list("complaint_id", flat=True))
    studied = 0
    for hour, (letter, study) in enumerate(zip(letters, STUDIES)):
        if letter.pk in already:
            continue
        services.assess_urgency(complaint=letter, circumstances=study.circumstances, by=by, override=study.override,
                                override_reason=study.override_reason,
                                now=now - STUDIES_STARTED + timedelta(hours=hour))
        studied += 1
    return studied


def direct_and_refer(letter, *, by, answered_by, now) -> int:
    if Directive.objects.filter(complaint=letter, text=DIRECTIVE_TEXT).exists():
        return 0
    given_at = now - STUDIES_STARTED + timedelta(hours=len(STUDIES) + 1)
    bodies = [Department.objects.get(code=code) for code in DIRECTIVE_BODIES]
    services.give_directive(complaint=letter, text=DIRECTIVE_TEXT, by=by, departments=bodies, lead=bodies[0],
                            follow_up_on=timezone.localdate(now) + timedelta(days=7), now=given_at)
    legal = Referral.objects.get(complaint=letter, department=bodies[1])
    complaint_services.answer_referral(legal, text=REFERRAL_ANSWER, by=answered_by, now=now - timedelta(days=1))
    return 1


def hold_past_session(cases, *, by, now) -> int:
    """Yesterday's session: invited two days ago, the council's decision and its follow-up recorded."""
    if not cases or CouncilSession.objects.filter(place=PAST_SESSION_PLACE).exists():
        return 0
    held_at = at_session_hour(now - timedelta(days=1))
    session = council.schedule_session(held_at=held_at, place=PAST_SESSION_PLACE, by=by,
                                       members_present="معالي الوزير، الوكيل، مدير إدارة التخصيص، مدير الشؤون القانونية",
                                       now=now - timedelta(days=2, hours=1))
    council.add_to_agenda(session=session, complaints=cases, by=by)
    council.invite_citizens(session=session, by=by, now=now - timedelta(days=2))
    for item in session.items.all():
        council.record_outcome(item=item, attendance=AgendaItem.Attendance.ATTENDED, decision=PAST_DECISION, by=by,
                               follow_up_action=PAST_FOLLOW_UP,
                               follow_up_department=Department.objects.get(code="allocations"),
                               follow_up_due_on=timezone.localdate(now) + timedelta(days=30),
                               now=held_at + timedelta(hours=1))
    return 1


def schedule_upcoming_session(cases, *, by, now) -> int:
    """Next week's session, its agenda from the most urgent studied letters, the citizens invited."""
    if len(cases) < 3 or CouncilSession.objects.filter(place=UPCOMING_SESSION_PLACE).exists():
        return 0
    session = council.schedule_session(held_at=at_session_hour(now + timedelta(days=7)), place=UPCOMING_SESSION_PLACE,
                                       by=by, now=now)
    council.add_to_agenda(session=session, complaints=cases, by=by)
    council.invite_citizens(session=session, by=by, now=now)
    return 1


def at_session_hour(moment) -> datetime:
    return datetime.combine(timezone.localdate(moment), SESSION_HOUR, timezone.get_default_timezone())

