"""The router in use: the current version in the database (trained by `train_router` or by the
nightly retraining), or, until one is, the model shipped with the code (trained/router.skops), so
that a fresh installation routes by meaning from its first minute.

Each process keeps the routers it loaded, by version, and asks the database which version is
current at most every process_cache.SECONDS: a promotion or a roll back reaches every worker
within that time.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaints.models import RouterVersion
from complaints.plumbing import process_cache
from complaints.routing import classifier

SHIPPED_MODEL = Path(__file__).parent / "trained" / "router.skops"
SHIPPED_FIGURES = SHIPPED_MODEL.with_suffix(".json")

_loaded: dict[tuple, classifier.Router] = {}


def shipped_description() -> dict:
    if not SHIPPED_FIGURES.exists():
        return {}
    return json.loads(SHIPPED_FIGURES.read_text(encoding="utf-8"))


def current_router() -> classifier.Router | None:
    if settings.ROUTING_MODEL == "none":
        return None
    current = process_cache.cached("router version", lambda: RouterVersion.objects.filter(is_current=True)
                                   .values_list("pk", "version").first())
    if current:
        pk, version = current
        return _load(("database", pk), lambda: _from_database(pk, version))
    if SHIPPED_MODEL.exists():
        return _load(("shipped", SHIPPED_MODEL.stat().st_mtime_ns), _shipped)
    return None


def _load(key, load) -> classifier.Router:
    if key not in _loaded:
        router = load()
        _loaded.clear()  # one router per process: the previous version is not used again
        _loaded[key] = router
    return _loaded[key]


def _from_database(pk: int, version: str) -> classifier.Router:
    row = RouterVersion.objects.only("artefact", "figures").get(pk=pk)
    return classifier.loads(bytes(row.artefact), version=version, figures=row.figures)


def _shipped() -> classifier.Router:
    description = shipped_description()
    return classifier.loads(SHIPPED_MODEL.read_bytes(), version=description.get("version", "shipped"),
                            figures=description.get("figures", {}))


def current_figures() -> dict:
    """The figures of the model in use, as recorded when it was trained (read afresh, not cached)."""
    if settings.ROUTING_MODEL == "none":
        return {}
    figures = RouterVersion.objects.filter(is_current=True).values_list("figures", flat=True).first()
    return figures if figures is not None else shipped_description().get("figures", {})


def current_version_name() -> str:
    router = current_router()
    return router.version if router else ""


def store(router: classifier.Router, *, trained_on: dict, note: str = "", now=None) -> RouterVersion:
    return RouterVersion.objects.create(version=router.version, created_at=now or timezone.now(),
                                        artefact=classifier.dumps(router), figures=router.figures,
                                        trained_on=trained_on, note=note)


def make_current(version: RouterVersion, *, now=None) -> RouterVersion:
    """Promotes a version (or rolls back to an earlier one): it becomes the one every worker uses."""
    with transaction.atomic():
        RouterVersion.objects.filter(is_current=True).exclude(pk=version.pk).update(is_current=False)
        version.is_current = True
        version.promoted_at = now or timezone.now()
        version.save(update_fields=["is_current", "promoted_at"])
    process_cache.forget()
    return version
