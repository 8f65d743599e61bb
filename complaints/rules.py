"""The staff's routing rules, read from the database into routing.Rule values.

Routing runs hundreds of times a second, so the rules and the department ids are kept
in each process for a short while: an edit in the back office applies within
RULES_CACHE_SECONDS.
"""

import time

from . import routing
from .models import Category, Department, RoutingRule

RULES_CACHE_SECONDS = 30
_cache: dict[str, tuple[float, object]] = {}


def _cached(name, load):
    hit = _cache.get(name)
    if hit is None or time.monotonic() - hit[0] > RULES_CACHE_SECONDS:
        hit = (time.monotonic(), load())
        _cache[name] = hit
    return hit[1]


def forget() -> None:
    _cache.clear()


def active_rules() -> tuple[routing.Rule, ...]:
    return _cached("rules", load_active_rules)


def department_ids() -> dict[str, int]:
    return _cached("departments", lambda: dict(Department.objects.values_list("code", "id")))


def category_routes() -> dict[int, tuple[str, str | None]]:
    """Category id -> (category code, code of its default department)."""
    return _cached("categories", lambda: {
        pk: (code, department_code)
        for pk, code, department_code in Category.objects.values_list("pk", "code", "default_department__code")
    })


def load_active_rules() -> tuple[routing.Rule, ...]:
    rows = (RoutingRule.objects.filter(is_active=True, department__is_active=True)
            .select_related("department").prefetch_related("categories"))
    return tuple(as_rule(row) for row in rows)


def as_rule(row: RoutingRule) -> routing.Rule:
    return routing.Rule(
        id=row.pk, name=row.name, department_code=row.department.code,
        channels=frozenset(row.channels), kinds=frozenset(row.kinds),
        category_codes=frozenset(category.code for category in row.categories.all()),
        keywords=tuple(row.keyword_list()), urgency=row.urgency,
    )
