"""Each night beat has a worker retrain the routing model: the new version is stored whatever its
figures, and becomes current only when it does at least as well as the current one.

The corpus is swapped for a tiny one (a few examples per department) so that training takes a moment."""

import functools
import json
import logging

import pytest
from django.conf import settings

from complaints import tasks
from complaints.models import RouterVersion
from complaints.routing import classifier, corpus, model_store
from housing_portal.celery import app, configure_schedule

WORDS = {
    "maintenance": ["تسرب مياه من السقف", "المكيف معطل", "تشقق في الجدار", "انسداد المجاري", "سخان الماء خربان"],
    "rent-allowance": ["علاوة السكن لم تصرف", "انقطاع العلاوة", "متأخرات علاوة السكن", "خفض مبلغ العلاوة",
                       "تجديد علاوة السكن"],
    "legal-affairs": ["نزاع بين الورثة على البيت", "قرار إخلاء الوحدة", "حكم المحكمة في الطلاق",
                      "سحب التخصيص بسبب التأجير", "تزوير في عقد الوحدة"],
}


def tiny_examples():
    """Eight examples per department; the corpus's own rule (by id) holds one in five out."""
    return [{"id": f"{code}-{n}", "department": code, "language": "ar", "channel": "web", "kind": "complaint",
             "subject": WORDS[code][n % 5], "body": f"{WORDS[code][n % 5]} منذ {n + 2} أسابيع، أرجو الحل."}
            for code in WORDS for n in range(8)]


@pytest.fixture
def tiny_corpus(tmp_path, monkeypatch):
    rows = tiny_examples()
    # One held-out example is labelled wrong on purpose: its words are maintenance's, so no fit
    # of this corpus can be right on the whole held-out part.
    mislabelled = next(row for row in rows if row["department"] == "legal-affairs"
                       and corpus.from_row(row).held_out)
    mislabelled.update(subject=WORDS["maintenance"][0], body=f"{WORDS['maintenance'][0]} منذ أسبوعين")
    for code in WORDS:
        (tmp_path / f"{code}.jsonl").write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows if row["department"] == code),
            encoding="utf-8")
    examples = corpus.examples(tmp_path)
    assert any(e.held_out for e in examples) and not all(e.held_out for e in examples)
    monkeypatch.setattr(corpus, "examples", functools.partial(corpus.examples, tmp_path))
    monkeypatch.setattr(corpus, "fingerprint", functools.partial(corpus.fingerprint, tmp_path))
    return examples


@pytest.fixture
def no_shipped_model(routing_model, tmp_path, monkeypatch):
    """Routing by the model, with no model shipped with the code and none loaded by an earlier test."""
    monkeypatch.setattr(model_store, "SHIPPED_MODEL", tmp_path / "no-model.skops")
    monkeypatch.setattr(model_store, "_loaded", {})


@pytest.fixture
def perfect_current_version(tiny_corpus, no_shipped_model):
    """A current version that was right on every held-out example."""
    router = classifier.train([e.text for e in tiny_corpus], [e.department for e in tiny_corpus], version="perfect")
    router.figures = {"held_out": {"examples": 5, "accuracy": 1.0}}
    return model_store.make_current(model_store.store(router, trained_on={"corpus": len(tiny_corpus)}))


@pytest.fixture
def schedule_at_four(settings):
    configured = settings.ROUTING_RETRAIN_HOUR
    settings.ROUTING_RETRAIN_HOUR = 4
    configure_schedule()
    yield
    settings.ROUTING_RETRAIN_HOUR = configured
    configure_schedule()


def retraining_entry():
    [entry] = [entry for entry in app.conf.beat_schedule.values() if entry["task"] == "complaints.tasks.retrain_router"]
    return entry


def test_beat_retrains_the_router_every_night_at_the_configured_hour_in_bahrain_time(schedule_at_four):
    schedule = retraining_entry()["schedule"]
    assert (schedule.hour, schedule.minute, schedule.day_of_week) == ({4}, {0}, set(range(7)))
    assert str(schedule.tz) == settings.TIME_ZONE == "Asia/Bahrain"
    assert tasks.retrain_router.name == "complaints.tasks.retrain_router" and tasks.retrain_router.name in app.tasks


@pytest.mark.django_db
def test_the_first_retraining_stores_a_version_and_makes_it_current(tiny_corpus, no_shipped_model, caplog):
    with caplog.at_level(logging.INFO, logger="complaints.tasks"):
        result = tasks.retrain_router()

    version = RouterVersion.objects.get()
    assert result == {"version": version.version, "promoted": True}
    assert version.is_current and version.promoted_at is not None and version.note.startswith("Promoted")
    assert version.trained_on["corpus"] == len(tiny_corpus) == 24
    assert version.figures["held_out"]["examples"] == sum(e.held_out for e in tiny_corpus)
    assert model_store.current_version_name() == version.version
    assert f"Routing model {version.version} trained: Promoted" in caplog.text


@pytest.mark.django_db
def test_a_model_worse_than_the_current_one_is_stored_but_not_promoted(perfect_current_version, caplog):
    with caplog.at_level(logging.INFO, logger="complaints.tasks"):
        result = tasks.retrain_router()

    stored = RouterVersion.objects.exclude(pk=perfect_current_version.pk).get()
    assert result == {"version": stored.version, "promoted": False}
    assert not stored.is_current and stored.promoted_at is None
    assert stored.note.startswith("Not promoted: held out accuracy")
    assert stored.figures["compared_with"] == "perfect"
    assert RouterVersion.objects.get(is_current=True) == perfect_current_version
    [record] = [record for record in caplog.records if record.name == "complaints.tasks"]
    assert record.levelno == logging.WARNING and "Not promoted" in record.getMessage()
