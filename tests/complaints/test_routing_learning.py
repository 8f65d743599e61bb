"""Learning from staff: a transfer is a correction labelled with where the complaint went, an answered
complaint is labelled with the department that answered it, and a retrained model is promoted only
when it does at least as well as the current one on both yardsticks."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintEvent, RouterVersion
from complaints.routing import catalogue, corpus, learning, model_store
from tests.factories import ComplaintFactory, DepartmentFactory

Status = Complaint.Status


@pytest.fixture
def owners(db):
    return {code: DepartmentFactory(code=code, name_en=code) for code in ("maintenance", "legal-affairs",
                                                                          "allocations")}


@pytest.fixture
def small_corpus(tmp_path, monkeypatch):
    """Three departments, a dozen distinct examples each: trains in a fraction of a second."""
    texts = {
        "maintenance": ["water drips from the ceiling", "the air conditioner is broken", "cracks in the wall",
                        "sewage blocked in the bathroom", "the water heater stopped", "damp and mould in the room",
                        "تسرب الماء من السقف", "المكيف خربان", "شقوق في الجدار", "المجاري مسدودة",
                        "السخان عطلان", "رطوبة وعفن في الغرفة"],
        "legal-affairs": ["my ex husband refuses to leave the house", "the heirs disagree over the unit",
                          "a court judgment about the flat", "eviction notice received", "someone occupies our unit",
                          "the allocation was cancelled unfairly", "طليقي يرفض الخروج من البيت",
                          "الورثة مختلفين على البيت", "حكم محكمة بخصوص الشقة", "وصلني إنذار إخلاء",
                          "شخص ساكن في وحدتنا بدون حق", "ألغوا تخصيصي ظلم"],
        "allocations": ["when will my turn come on the waiting list", "my seniority is from 2010",
                        "I want to change from a flat to a house", "the distribution list skipped me",
                        "when do we get the keys of the allocated house", "priority in the next distribution",
                        "متى دوري في قائمة الانتظار", "أقدميتي من ٢٠١٠", "أبي أغير من شقة إلى بيت",
                        "كشف التوزيع ما فيه اسمي", "متى نستلم مفاتيح البيت المخصص", "الأولوية في التوزيع الجاي"],
    }
    lines = [json.dumps({"id": f"{code}-{n}", "channel": "web", "kind": "complaint", "subject": "", "body": text,
                         "language": "ar" if any("\u0600" <= ch <= "\u06ff" for ch in text) else "en",
                         "department": code, "hard": False})
             for code, examples in texts.items() for n, text in enumerate(examples)]
    (tmp_path / "small.jsonl").write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(corpus, "FOLDER", tmp_path)
    monkeypatch.setattr(catalogue, "OWNERS", tuple(texts))
    monkeypatch.setattr(learning.catalogue, "OWNERS", tuple(texts))
    monkeypatch.setattr(model_store, "SHIPPED_MODEL", tmp_path / "none.skops")  # nothing shipped to beat
    monkeypatch.setattr(model_store, "SHIPPED_FIGURES", tmp_path / "none.json")


def test_a_transfer_is_a_correction_labelled_with_where_the_complaint_went(owners, officer):
    complaint = ComplaintFactory(department=owners["maintenance"], status=Status.ROUTED,
                                 subject="ورثة", body="الورثة مختلفين على البيت ويبون يطلعوننا")
    services.transfer_complaint(complaint=complaint, to_department=owners["legal-affairs"], by=officer,
                                reason="Heirs at odds: legal affairs")

    [correction] = learning.corrections()
    assert correction.id == f"complaint-{complaint.pk}" and correction.department == "legal-affairs"
    assert "الورثة" in correction.text


def test_an_answered_complaint_is_labelled_with_the_department_that_answered(owners):
    answered = ComplaintFactory(department=owners["allocations"], status=Status.RESPONDED)
    ComplaintFactory(department=owners["allocations"], status=Status.IN_PROGRESS)  # not answered yet
    assert [(e.id, e.department) for e in learning.answered_examples()] == [
        (f"complaint-{answered.pk}", "allocations")]


def test_old_transfers_are_not_recent_corrections(owners, officer):
    complaint = ComplaintFactory(department=owners["maintenance"], status=Status.ROUTED)
    services.transfer_complaint(complaint=complaint, to_department=owners["allocations"], by=officer, reason="x",
                                now=timezone.now() - timedelta(days=200))
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.TRANSFERRED).exists()
    assert learning.corrections() == []


def test_promotion_is_refused_when_either_yardstick_is_worse():
    better = {"held_out": {"accuracy": 0.9}, "corrections": {"accuracy": 0.8}}
    assert learning.judge(better, {"held_out": {"accuracy": 0.85}, "corrections": {"accuracy": 0.8}})[0] is True
    promoted, reason = learning.judge(better, {"held_out": {"accuracy": 0.91}, "corrections": None})
    assert promoted is False and "held out" in reason
    promoted, reason = learning.judge(better, {"held_out": {"accuracy": 0.8}, "corrections": {"accuracy": 0.85}})
    assert promoted is False and "corrections" in reason
    assert learning.judge(better, {"held_out": None, "corrections": None})[0] is True  # nothing to beat


def test_retraining_stores_a_version_promotes_it_and_refuses_a_worse_one(small_corpus, owners, routing_model):
    first = learning.retrain(version="first")
    assert first.promoted and RouterVersion.objects.get(is_current=True).version == "first"
    assert model_store.current_router().version == "first"

    RouterVersion.objects.filter(version="first").update(figures={"held_out": {"accuracy": 1.01}})
    second = learning.retrain(version="second")
    assert second.promoted is False and "Not promoted" in second.reason
    assert RouterVersion.objects.get(is_current=True).version == "first"
    assert set(RouterVersion.objects.values_list("version", flat=True)) == {"first", "second"}


def test_rolling_back_makes_an_earlier_version_current_again(small_corpus, owners, routing_model):
    learning.retrain(version="first")
    learning.retrain(version="second")
    model_store.make_current(RouterVersion.objects.get(version="first"))
    assert list(RouterVersion.objects.filter(is_current=True).values_list("version", flat=True)) == ["first"]
    assert model_store.current_router().version == "first"
