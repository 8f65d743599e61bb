"""The urgency score as a table of families and the points they get (no database)."""

from decimal import Decimal

import pytest

from minister_office.urgency import Circumstances, Weights, score

DEFAULT = Weights()


def family(*, size, income, dependants=0, disability=0, elderly=0, chronic=0, housing="owned", eviction=False,
           years=0):
    return Circumstances(household_size=size, monthly_income=Decimal(income), dependants=dependants,
                         members_with_disability=disability, elderly_members=elderly,
                         members_with_chronic_illness=chronic, housing=housing, eviction_notice=eviction,
                         years_on_waiting_list=years)


TABLE = [
    # (family, weights, score, urgent)
    (family(size=6, income="500", dependants=4, disability=1, elderly=1, housing="overcrowded", eviction=True,
            years=8), DEFAULT, 12 + 12 + 10 + 5 + 15 + 15 + 20 + 16, True),
    (family(size=2, income="1200"), DEFAULT, 4, False),
    # 100 BHD a member is not below the low-income line; 50 points is exactly the threshold.
    (family(size=3, income="300", dependants=1, elderly=1, chronic=1, housing="unsafe", years=3), DEFAULT,
     6 + 3 + 5 + 5 + 25 + 6, True),
    (family(size=3, income="300", dependants=1, elderly=1, chronic=1, housing="unsafe", years=2), DEFAULT, 48, False),
    # Waiting years are counted up to 15; no income at all is a low income.
    (family(size=1, income="0", housing="rented", years=20), DEFAULT, 2 + 15 + 5 + 30, True),
    (family(size=2, income="150", housing="shared", eviction=True), Weights(eviction_notice=30, urgent_threshold=60),
     4 + 15 + 10 + 30, False),
    (family(size=2, income="150", housing="shared", eviction=True), Weights(eviction_notice=30, urgent_threshold=59),
     59, True),
]


@pytest.mark.parametrize("circumstances, weights, expected_score, expected_urgent", TABLE)
def test_the_score_is_the_sum_of_each_factors_points(circumstances, weights, expected_score, expected_urgent):
    result = score(circumstances, weights)
    assert result.score == expected_score
    assert result.urgent is expected_urgent
    assert sum(factor.points for factor in result.factors) == result.score


def test_the_breakdown_names_what_each_factor_counted():
    result = score(family(size=6, income="500", housing="overcrowded", eviction=True, years=20), DEFAULT)
    breakdown = {item["code"]: (item["counted"], item["points"]) for item in result.breakdown()}
    assert breakdown["household"] == ("6", 12)
    assert breakdown["low_income"] == ("83.333", 15)
    assert breakdown["housing"] == ("overcrowded", 15)
    assert breakdown["eviction_notice"] == ("yes", 20)
    assert breakdown["waiting_list"] == ("15", 30)
