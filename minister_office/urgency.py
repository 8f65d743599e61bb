"""The urgency study's score: a pure function of a family's circumstances and the weights.

Every point is explained: the result lists each factor with the quantity it counted and the
points it gave, so that the office, the family and an auditor can check the sum by hand.
Nothing here reads the database; the weights in force are passed in (see models.UrgencyWeights).
"""

from dataclasses import asdict, dataclass, fields
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


class Housing:
    OWNED = "owned"
    RENTED = "rented"
    SHARED = "shared"
    OVERCROWDED = "overcrowded"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Circumstances:
    household_size: int
    monthly_income: Decimal  # BHD, the whole household
    dependants: int
    members_with_disability: int
    elderly_members: int
    members_with_chronic_illness: int
    housing: str
    eviction_notice: bool
    years_on_waiting_list: int


@dataclass(frozen=True)
class Weights:
    per_household_member: int = 2
    per_dependant: int = 3
    per_member_with_disability: int = 10
    per_elderly_member: int = 5
    per_member_with_chronic_illness: int = 5
    low_income: int = 15
    low_income_per_member_below: Decimal = Decimal("100")  # BHD a month per household member
    housing_owned: int = 0
    housing_rented: int = 5
    housing_shared: int = 10
    housing_overcrowded: int = 15
    housing_unsafe: int = 25
    eviction_notice: int = 20
    per_waiting_year: int = 2
    waiting_years_counted_up_to: int = 15
    urgent_threshold: int = 50

    def as_dict(self) -> dict:
        return {name: str(value) if isinstance(value, Decimal) else value for name, value in asdict(self).items()}

    @classmethod
    def field_names(cls) -> list[str]:
        return [field.name for field in fields(cls)]


FACTOR_LABELS = {
    "household": _("Household members"),
    "dependants": _("Dependants"),
    "disability": _("Members with a disability"),
    "elderly": _("Elderly members"),
    "chronic_illness": _("Members with a chronic illness"),
    "low_income": _("Low income per member"),
    "housing": _("Current housing"),
    "eviction_notice": _("Eviction notice"),
    "waiting_list": _("Years on the housing waiting list"),
}


@dataclass(frozen=True)
class Factor:
    code: str
    counted: str  # what was counted: "6", "yes", "rented", "83.333" (BHD a month per member)
    points: int

    @property
    def label(self):
        return FACTOR_LABELS[self.code]


@dataclass(frozen=True)
class Result:
    factors: tuple[Factor, ...]
    score: int
    threshold: int

    @property
    def urgent(self) -> bool:
        return self.score >= self.threshold

    def breakdown(self) -> list[dict]:
        return [{"code": f.code, "counted": f.counted, "points": f.points} for f in self.factors]


def score(circumstances: Circumstances, weights: Weights) -> Result:
    c, w = circumstances, weights
    per_member = (Decimal(c.monthly_income) / c.household_size).quantize(Decimal("0.001")) if c.household_size else None
    is_low_income = per_member is not None and per_member < w.low_income_per_member_below
    counted_years = min(c.years_on_waiting_list, w.waiting_years_counted_up_to)
    factors = (
        Factor("household", str(c.household_size), c.household_size * w.per_household_member),
        Factor("dependants", str(c.dependants), c.dependants * w.per_dependant),
        Factor("disability", str(c.members_with_disability), c.members_with_disability * w.per_member_with_disability),
        Factor("elderly", str(c.elderly_members), c.elderly_members * w.per_elderly_member),
        Factor("chronic_illness", str(c.members_with_chronic_illness),
               c.members_with_chronic_illness * w.per_member_with_chronic_illness),
        Factor("low_income", str(per_member) if per_member is not None else "—",
               w.low_income if is_low_income else 0),
        Factor("housing", c.housing, getattr(w, f"housing_{c.housing}")),
        Factor("eviction_notice", "yes" if c.eviction_notice else "no", w.eviction_notice if c.eviction_notice else 0),
        Factor("waiting_list", str(counted_years), counted_years * w.per_waiting_year),
    )
    return Result(factors=factors, score=sum(f.points for f in factors), threshold=w.urgent_threshold)
