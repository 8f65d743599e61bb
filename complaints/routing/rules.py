"""The staff's routing rules, read from the database into decisions.Rule values.

Routing runs hundreds of times a second and intake looks categories up on every submission,
so the rules, the department ids and the categories are kept in each process for a short
while (process_cache): an edit in the back office applies within process_cache.SECONDS.
"""

from complaints.models import Category, Department, RoutingRule
from complaints.plumbing import process_cache
from complaints.routing import decisions

_cached = process_cache.cached
forget = process_cache.forget


def active_rules() -> tuple[decisions.Rule, ...]:
    return _cached("rules", load_active_rules)


def department_ids() -> dict[str, int]:
    return _cached("departments", lambda: dict(Department.objects.values_list("code", "id")))


def thresholds() -> dict[str, float]:
    """Department code -> how sure the model must be to send a complaint there on its own."""
    return _cached("thresholds", lambda: dict(Department.objects.values_list("code", "routing_threshold")))


def category_routes() -> dict[int, tuple[str, str | None]]:
    """Category id -> (category code, code of its default department)."""
    return _cached("categories", lambda: {
        pk: (code, department_code)
        for pk, code, department_code in Category.objects.values_list("pk", "code", "default_department__code")
    })


def active_category(code: str) -> Category | None:
    """The active category with this code (for intake: one dictionary look-up, no query)."""
    return _active_categories().get(code)


def category(pk: int) -> Category:
    """The category with this id: an active one without a query, another from the database (a
    draft's category may have been switched off since)."""
    return next((found for found in _active_categories().values() if found.pk == pk), None) or Category.objects.get(
        pk=pk)


def _active_categories() -> dict[str, Category]:
    return _cached("active categories", lambda: {category.code: category
                                                 for category in Category.objects.filter(is_active=True)})


def load_active_rules() -> tuple[decisions.Rule, ...]:
    rows = (RoutingRule.objects.filter(is_active=True, department__is_active=True)
            .select_related("department").prefetch_related("categories"))
    return tuple(as_rule(row) for row in rows)


def as_rule(row: RoutingRule) -> decisions.Rule:
    return decisions.Rule(
        id=row.pk, name=row.name, department_code=row.department.code,
        channels=frozenset(row.channels), kinds=frozenset(row.kinds),
        category_codes=frozenset(category.code for category in row.categories.all()),
        keywords=tuple(row.keyword_list()), urgency=row.urgency,
    )
