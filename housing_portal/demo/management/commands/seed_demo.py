"""`manage.py seed_demo`: departments, categories, legal clauses, routing rules, staff and ~200
complaints; then the demo of the channels' and the minister's office's screens.

Safe to run again. Reference data is updated in place, staff passwords are reset, and
complaints go through the one intake service with a fixed external reference per item, so a
second run adds none. Only the complaints created by this run are moved through the
lifecycle, because the others have already left NEW and would refuse the same steps.

Departments and demo staff get addresses at example.org (kept if they have one), so the SLA
notices and media digests of the demo arrive in the console or file e-mail backend. With DEBUG
off the superuser is never given the published demo password: a password must be given.
"""

import os
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone, translation

from complaints import duplicates, intake, lifecycle
from complaints.models import (
    CannedResponse,
    Category,
    Citizen,
    Complaint,
    Department,
    DuplicateFlag,
    LegalClause,
    RoutingRule,
    StaffProfile,
)
from complaints.routing import engine, rules
from complaints.routing import catalogue
from complaints.security.roles import ROLES, ensure_role_groups
from complaints.values import identity
from housing_portal.demo import channels as channel_demo
from housing_portal.demo import core_data
from housing_portal.demo import minister_office as office_demo

Status = Complaint.Status
Channel = Complaint.Channel

SEED = 2026
COMPLAINT_COUNT = 200
DEFAULT_PASSWORD = "demo-portal-2026"
EXTERNAL_REFERENCE_PREFIX = "demo-"
SUPERUSER_NAME = "admin"
# Every department and demo user is given <code or username>@DEMO_MAIL_DOMAIN (reserved for examples).
DEMO_MAIL_DOMAIN = "example.org"

# Share (percent) of demo complaints that end in each status.
STATUS_MIX = {
    Status.NEW: 15, Status.ROUTED: 20, Status.IN_PROGRESS: 20, Status.AWAITING_CITIZEN: 10,
    Status.RESPONDED: 15, Status.CLOSED: 15, Status.REOPENED: 3, Status.MERGED: 2,
}
CHANNEL_MIX = {
    Channel.WEB: 30, Channel.SERVICE_CENTRE: 18, Channel.CALL_CENTRE: 18, Channel.TAWASUL: 14,
    Channel.TAHT_AMRAK: 8, Channel.SOCIAL_MEDIA: 7, Channel.MEDIA: 5,
}

# The steps after routing that lead to each target status, all allowed by the lifecycle.
STEPS_AFTER_ROUTING = {
    Status.ROUTED: (),
    Status.IN_PROGRESS: (Status.IN_PROGRESS,),
    Status.AWAITING_CITIZEN: (Status.IN_PROGRESS, Status.AWAITING_CITIZEN),
    Status.RESPONDED: (Status.IN_PROGRESS, Status.RESPONDED),
    Status.CLOSED: (Status.IN_PROGRESS, Status.RESPONDED, Status.CLOSED),
    Status.REOPENED: (Status.IN_PROGRESS, Status.RESPONDED, Status.CLOSED, Status.REOPENED),
    Status.MERGED: (Status.MERGED,),
}

# Age range in days per final status, so that unrouted items are fresh and closed ones old.
AGE_DAYS = {
    Status.NEW: (0.02, 2), Status.ROUTED: (0.5, 10), Status.IN_PROGRESS: (2, 30),
    Status.AWAITING_CITIZEN: (4, 40), Status.RESPONDED: (5, 45), Status.CLOSED: (10, 60),
    Status.REOPENED: (15, 60), Status.MERGED: (1, 50),
}
# Staff work after routing is spread over at most this long, inside the 30-day answer limit.
WORK_SPAN = timedelta(days=28)
ROUTING_DELAY_MINUTES = (5, 180)

# Press items and posts often name no identifiable citizen.
ANONYMOUS_SHARE = {Channel.MEDIA: 0.5, Channel.SOCIAL_MEDIA: 0.3}
# Citizens mostly write in their own language.
SAME_LANGUAGE_SHARE = 0.85
# A duplicate is merged into a case that is still being worked.
MERGE_INTO_STATUSES = (Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_CITIZEN)

# The role whose staff type in items from each staffed channel; the others arrive by themselves.
ENTERED_BY_ROLE = {
    Channel.TAHT_AMRAK: "complaints-unit-agent",
    Channel.SERVICE_CENTRE: "complaints-unit-agent",
    Channel.CALL_CENTRE: "call-centre-agent",
    Channel.SOCIAL_MEDIA: "media-monitor",
    Channel.MEDIA: "media-monitor",
}


@dataclass(frozen=True, kw_only=True)
class PlannedComplaint:
    n: int
    channel: str
    target_status: str
    template: tuple
    citizen: intake.CitizenDetails | None
    age_days: float
    routing_delay_minutes: float
    step_fractions: tuple[float, ...]
    outlet: str = ""
    case_number: str = ""
    master_n: int | None = None
    master_channel: str = ""

    @property
    def external_reference(self) -> str:
        return f"{EXTERNAL_REFERENCE_PREFIX}{self.n}"

    @property
    def language(self) -> str:
        return self.template[4]


class Command(BaseCommand):
    help = ("Fills the portal with demo departments, categories, legal clauses, routing rules, staff "
            "and complaints.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=f"Password for every demo user (default: $DEMO_PASSWORD or {DEFAULT_PASSWORD}).",
        )
        parser.add_argument(
            "--superuser-password",
            help=f"Password for the superuser '{SUPERUSER_NAME}' (default: $DEMO_SUPERUSER_PASSWORD, else the "
                 "demo users' password). Required when DEBUG is off and that password is the published one.",
        )

    def handle(self, *args, **options):
        password = options["password"] or os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        superuser_password = (options["superuser_password"] or os.environ.get("DEMO_SUPERUSER_PASSWORD")
                              or password)
        if not settings.DEBUG and superuser_password == DEFAULT_PASSWORD:
            raise CommandError(published_password_refused())
        started = time.monotonic()
        now = timezone.now()
        rng = random.Random(SEED)
        citizens = generate_citizens(rng=rng)
        plan = plan_complaints(rng=rng, citizens=citizens, count=COMPLAINT_COUNT)

        with transaction.atomic():
            last_flag_before = DuplicateFlag.objects.aggregate(last=Max("pk"))["last"] or 0
            reference_counts = seed_reference_data()
            users = seed_staff(password=password, superuser_password=superuser_password)
            seed_citizen_records(citizens)
            created = receive_planned(plan=plan, users=users, now=now)
            advance_created(created=created, users=users, now=now)
            channel_counts = seed_other_apps(users=users, citizens=citizens, now=now)
            channel_counts.update(count_duplicate_flags(new_after_pk=last_flag_before))

        with translation.override("en"):
            self.report_reference_data(reference_counts)
            self.report_complaints(created_count=len(created), elapsed=time.monotonic() - started)
            self.report_channels(channel_counts)
            self.report_users(password=password, superuser_password=superuser_password)

    def report_reference_data(self, counts):
        for label, (total, new) in counts.items():
            self.stdout.write(f"{label}: {total} ({new} new)")

    def report_complaints(self, *, created_count, elapsed):
        demo = Complaint.objects.filter(external_reference__startswith=EXTERNAL_REFERENCE_PREFIX)
        self.stdout.write(self.style.SUCCESS(
            f"\nComplaints created in this run: {created_count} (demo complaints in total: "
            f"{demo.count()}) in {elapsed:.1f} s"
        ))
        self.write_counts("By channel", counts_by(demo, "channel"), Channel)
        self.write_counts("By status", counts_by(demo, "status"), Status)

    def report_channels(self, counts):
        self.stdout.write("\nChannel screens:")
        for label, (total, new) in counts.items():
            self.stdout.write(f"  {label:<44}{total:>5} ({new} new)")

    def write_counts(self, title, counts, choices):
        self.stdout.write(f"\n{title}:")
        for value in choices.values:
            self.stdout.write(f"  {choices(value).label:<32}{counts.get(value, 0):>5}")

    def report_users(self, *, password, superuser_password):
        self.stdout.write(f"\nDemo users (e-mail: <username>@{DEMO_MAIL_DOMAIN}):")
        rows = ([(role.code, role.name_en, password) for role in ROLES]
                + [(SUPERUSER_NAME, "Superuser", superuser_password)])
        self.stdout.write(f"  {'username':<24}{'role':<30}password")
        for username, role_name, user_password in rows:
            self.stdout.write(f"  {username:<24}{role_name:<30}{user_password}")


def published_password_refused() -> str:
    return (f"Refusing to give the demo superuser '{SUPERUSER_NAME}' the published password "
            f"'{DEFAULT_PASSWORD}' while DEBUG is off: anyone who has read the README could sign in. "
            "Give a password of your own with --superuser-password (or the DEMO_SUPERUSER_PASSWORD "
            "environment variable; --password or DEMO_PASSWORD sets it for every demo user), or run the "
            "demo with DEBUG=true on a development machine.")


# --- Planning: every random choice, made before the database is touched ------------

def plan_complaints(*, rng: random.Random, citizens, count: int) -> list[PlannedComplaint]:
    """The same list on every run, so item n always has the same channel and reference."""
    channels = apportioned(CHANNEL_MIX, total=count)
    statuses = apportioned(STATUS_MIX, total=count)
    rng.shuffle(channels)
    rng.shuffle(statuses)
    plan = [
        plan_one(rng=rng, n=n, channel=channel, target_status=status, citizens=citizens)
        for n, (channel, status) in enumerate(zip(channels, statuses), start=1)
    ]
    return link_duplicates(rng=rng, plan=plan)


def seed_citizen_records(citizens: list[intake.CitizenDetails]) -> None:
    """The ministry's own records of the demo citizens, with their contact details, as it holds
    them before any complaint (complaints from the web and the hotline never write into them)."""
    Citizen.objects.bulk_create([Citizen(**asdict(citizen)) for citizen in citizens], ignore_conflicts=True)


def generate_citizens(*, rng: random.Random) -> list[intake.CitizenDetails]:
    used_cprs = set()
    citizens = []
    for name, language in core_data.CITIZEN_NAMES:
        cpr = random_cpr(rng=rng, taken=used_cprs)
        used_cprs.add(cpr)
        mobile = identity.normalise_mobile(
            rng.choice(core_data.MOBILE_PREFIXES) + f"{rng.randrange(10_000):04d}",
        )
        citizens.append(intake.CitizenDetails(
            name=name, cpr=cpr, mobile=mobile, preferred_language=language,
            email=demo_email(name) if language == "en" else "",
        ))
    return citizens


def random_cpr(*, rng: random.Random, taken: set) -> str:
    """Nine digits starting with a plausible birth year and month, as Bahraini CPRs do."""
    while True:
        year = rng.choice([*range(60, 100), *range(0, 6)])
        cpr = f"{year:02d}{rng.randint(1, 12):02d}{rng.randrange(100_000):05d}"
        if cpr not in taken:
            return identity.normalise_cpr(cpr)


def demo_email(name: str) -> str:
    return name.lower().replace("-", "").replace(" ", ".") + "@example.com"


def apportioned(weights: dict, *, total: int) -> list:
    """`total` items split by weight (largest remainder), so every weighted value appears."""
    weight_sum = sum(weights.values())
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    counts = {key: int(share) for key, share in exact.items()}
    by_remainder = sorted(weights, key=lambda key: exact[key] - counts[key], reverse=True)
    for key in by_remainder[: total - sum(counts.values())]:
        counts[key] += 1
    return [key for key, how_many in counts.items() for _ in range(how_many)]


def plan_one(*, rng, n, channel, target_status, citizens) -> PlannedComplaint:
    template = rng.choice(core_data.COMPLAINT_TEMPLATES)
    language = template[4]
    lowest_age, highest_age = AGE_DAYS[target_status]
    return PlannedComplaint(
        n=n, channel=channel, target_status=target_status, template=template,
        citizen=pick_citizen(rng=rng, channel=channel, language=language, citizens=citizens),
        age_days=rng.uniform(lowest_age, highest_age),
        routing_delay_minutes=rng.uniform(*ROUTING_DELAY_MINUTES),
        step_fractions=tuple(sorted(rng.uniform(0.05, 0.95)
                                    for _ in STEPS_AFTER_ROUTING.get(target_status, ()))),
        outlet=rng.choice(core_data.MEDIA_OUTLETS[language]) if channel == Channel.MEDIA else "",
        case_number=f"{rng.randrange(10**8, 10**9)}" if channel == Channel.TAWASUL else "",
    )


def pick_citizen(*, rng, channel, language, citizens) -> intake.CitizenDetails | None:
    if rng.random() < ANONYMOUS_SHARE.get(channel, 0):
        return None
    wants_same_language = rng.random() < SAME_LANGUAGE_SHARE
    pool = [c for c in citizens if (c.preferred_language == language) == wants_same_language]
    return rng.choice(pool)


def link_duplicates(*, rng, plan: list[PlannedComplaint]) -> list[PlannedComplaint]:
    """Each MERGED item becomes the same citizen raising the same matter as an open case,
    received a little later, so that merging it into that case makes sense."""
    masters = [item for item in plan if item.citizen and item.target_status in MERGE_INTO_STATUSES]
    linked = []
    for item in plan:
        if item.target_status == Status.MERGED:
            master = rng.choice(masters)
            item = replace(
                item, citizen=master.citizen, template=master.template,
                master_n=master.n, master_channel=master.channel,
                age_days=master.age_days * rng.uniform(0.3, 0.9),
                outlet=rng.choice(core_data.MEDIA_OUTLETS[master.language]) if item.outlet else "",
            )
        linked.append(item)
    return linked


# --- Reference data and staff ---------------------------------------------------

def seed_reference_data() -> dict[str, tuple[int, int]]:
    """Upserts departments, categories, legal clauses and routing rules; returns (total, newly
    created) per kind. The demo complaints are routed right after, so this process's cached
    rules are dropped and routing reads the rules just written."""
    counts = {
        **seed_catalogue(),
        "Legal clauses": seed_legal_clauses(),
        "Routing rules": seed_routing_rules(),
        "Canned responses": seed_canned_responses(),
    }
    rules.forget()
    return counts


def seed_catalogue() -> dict[str, tuple[int, int]]:
    """The ministry's catalogue (complaints/routing/catalogue.py), each department given a demo address."""
    counts = catalogue.load()
    for code in Department.objects.filter(email="").values_list("code", flat=True):
        Department.objects.filter(code=code).update(email=demo_address(code))
    return {"Departments": counts["departments"], "Categories": counts["categories"]}


def demo_address(name: str) -> str:
    return f"{name}@{DEMO_MAIL_DOMAIN}"


def seed_legal_clauses() -> tuple[int, int]:
    new = 0
    for law_ar, law_en, article, text_ar, text_en in core_data.LEGAL_CLAUSES:
        _clause, created = LegalClause.objects.update_or_create(
            law_en=law_en, article=article,
            defaults={"law_ar": law_ar, "text_ar": text_ar, "text_en": text_en},
        )
        new += created
    return len(core_data.LEGAL_CLAUSES), new


def seed_canned_responses() -> tuple[int, int]:
    new = 0
    for title, text_ar, text_en in core_data.CANNED_RESPONSES:
        _response, created = CannedResponse.objects.update_or_create(
            title=title, defaults={"text_ar": text_ar, "text_en": text_en})
        new += created
    return len(core_data.CANNED_RESPONSES), new


def seed_routing_rules() -> tuple[int, int]:
    """The demo's policy rules, one per name: keywords, order and target reset to the demo's; whether
    staff switched a rule off is left as they set it. The keyword rules of earlier demos, which
    routing by meaning replaced, are removed."""
    RoutingRule.objects.filter(name__in=core_data.RETIRED_ROUTING_RULES).delete()
    departments = {department.code: department for department in Department.objects.all()}
    categories = {category.code: category for category in Category.objects.all()}
    new = 0
    for row in core_data.ROUTING_RULES:
        rule, created = RoutingRule.objects.update_or_create(
            name=row["name"],
            defaults={
                "position": row["position"], "department": departments[row["department"]],
                "channels": list(row.get("channels", ())), "kinds": list(row.get("kinds", ())),
                "keywords": "\n".join(row["keywords"]), "urgency": RoutingRule.Urgency.ANY,
            },
        )
        rule.categories.set([categories[code] for code in row.get("categories", ())])
        new += created
    return len(core_data.ROUTING_RULES), new


# Department staff see only their department's complaints; the demo's work in maintenance.
DEMO_DEPARTMENT_OF_ROLE = {"department-officer": "maintenance", "department-head": "maintenance",
                           "ministers-office": Department.MINISTERS_OFFICE}


def seed_staff(*, password: str, superuser_password: str) -> dict:
    """One staff user per role, named by the role's code, given `password`; and the superuser."""
    groups = ensure_role_groups()
    users = {role.code: demo_user(username=role.code, password=password, first_name=role.name_en)
             for role in ROLES}
    for role in ROLES:
        users[role.code].groups.add(groups[role.code])
        StaffProfile.objects.update_or_create(user=users[role.code], defaults={
            "department": Department.objects.get(code=DEMO_DEPARTMENT_OF_ROLE.get(role.code, Department.COMPLAINTS_UNIT)),
            "is_head": role.code == "department-head"})
    users[SUPERUSER_NAME] = demo_user(username=SUPERUSER_NAME, password=superuser_password, is_superuser=True)
    return users


def demo_user(*, username, password, first_name="", is_superuser=False):
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first_name},
    )
    user.is_staff = True
    user.is_active = True
    user.is_superuser = is_superuser
    user.email = user.email or demo_address(username)
    user.set_password(password)
    user.save()
    return user


# --- Complaints -------------------------------------------------------------------

def receive_planned(*, plan, users, now) -> list[tuple[PlannedComplaint, Complaint]]:
    """Sends every planned item through the intake; returns those it newly created."""
    categories = {category.code: category for category in Category.objects.all()}
    created = []
    for item in plan:
        received_at = now - timedelta(days=item.age_days)
        result = intake.receive(intake_request(item=item, categories=categories, users=users,
                                               received_at=received_at), now=received_at)
        if result.created:
            created.append((item, result.complaint))
    return created


def intake_request(*, item, categories, users, received_at) -> intake.IntakeRequest:
    subject, body, kind, category_code, language = item.template
    subject_frame, body_frame = core_data.CHANNEL_FRAMES[item.channel][language]
    details = {
        "subject": subject, "body": body, "outlet": item.outlet, "case_number": item.case_number,
        "signature": item.citizen.name if item.citizen else core_data.ANONYMOUS_SIGNATURE[language],
    }
    entering_role = ENTERED_BY_ROLE.get(item.channel)
    return intake.IntakeRequest(
        channel=item.channel, kind=kind, language=language, category=categories[category_code],
        subject=subject_frame.format(**details), body=body_frame.format(**details),
        citizen=item.citizen, external_reference=item.external_reference, received_at=received_at,
        by=users[entering_role] if entering_role else None,
    )


def advance_created(*, created, users, now) -> None:
    """Routes and works each new complaint until it reaches its planned status."""
    for item, complaint in created:
        if item.target_status == Status.NEW:
            continue
        routed_at = min(complaint.received_at + timedelta(minutes=item.routing_delay_minutes), now)
        engine.route_complaint(complaint.pk, now=routed_at)
        complaint.refresh_from_db()
        work_span = min(now - routed_at, WORK_SPAN)
        steps = STEPS_AFTER_ROUTING[item.target_status]
        for to_status, fraction in zip(steps, item.step_fractions):
            take_step(complaint=complaint, item=item, to_status=to_status, users=users,
                      at=routed_at + work_span * fraction)


def take_step(*, complaint, item, to_status, users, at) -> None:
    actor = actor_for(to_status=to_status, complaint=complaint, users=users)
    if to_status == Status.MERGED:
        # As the likely-duplicates screen merges: the flag routing raised for the pair reads
        # "merged" and the earlier case's timeline shows what joined it.
        master = Complaint.objects.get(
            channel=item.master_channel, external_reference=f"{EXTERNAL_REFERENCE_PREFIX}{item.master_n}",
        )
        duplicates.merge(duplicate=complaint, into=master, by=actor, now=at)
        return
    notes = core_data.STATUS_NOTES[to_status][item.language]
    note = notes[item.n % len(notes)]
    update_fields = ()
    if to_status == Status.IN_PROGRESS and complaint.assignee_id is None:
        complaint.assignee = actor
        update_fields = ("assignee",)
    lifecycle.change_status(complaint, to_status, by=actor, now=at, note=note, update_fields=update_fields)


def actor_for(*, to_status, complaint, users):
    """Departments work and answer their cases; the complaints unit closes; the supervisor
    reopens and merges. Letters to the minister are worked by the minister's office."""
    if to_status in (Status.IN_PROGRESS, Status.AWAITING_CITIZEN):
        if complaint.department and complaint.department.code == Department.MINISTERS_OFFICE:
            return users["ministers-office"]
        return users["department-officer"]
    if to_status == Status.RESPONDED:
        return users["department-head"]
    if to_status == Status.CLOSED:
        return users["complaints-unit-agent"]
    return users["supervisor"]


# --- The other apps' screens ------------------------------------------------------

def seed_other_apps(*, users, citizens, now) -> dict[str, tuple[int, int]]:
    """The channels' and the minister's office's screens, each seeded through its own app's services."""
    demo_complaints = Complaint.objects.filter(external_reference__startswith=EXTERNAL_REFERENCE_PREFIX)
    return {
        **channel_demo.seed_demo(users=users, citizens=citizens, complaints=demo_complaints, now=now, seed=SEED),
        **office_demo.seed_demo(users=users, now=now),
    }


def count_duplicate_flags(*, new_after_pk: int) -> dict[str, tuple[int, int]]:
    """The likely duplicates routing flagged, and those left for staff to link, merge or dismiss."""
    flags = DuplicateFlag.objects.all()
    to_decide = flags.filter(state=DuplicateFlag.State.FLAGGED)
    return {"Likely duplicates flagged": (flags.count(), flags.filter(pk__gt=new_after_pk).count()),
            "Likely duplicates to decide": (to_decide.count(), to_decide.filter(pk__gt=new_after_pk).count())}


def counts_by(queryset, field_name) -> Counter:
    return Counter(dict(queryset.order_by().values_list(field_name).annotate(total=Count("pk"))))
