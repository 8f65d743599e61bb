"""The routing model: trained on the corpus, it must beat the keyword rules it replaced on the part
of the corpus it never saw; it is stored with skops, small, and refuses a file with unknown types."""

import os
import zipfile

import pytest
import skops.io

from complaints.routing import classifier, corpus, decisions, model_store
from tests.support import keyword_baseline


@pytest.fixture(scope="module")
def held_out_split():
    examples = corpus.examples()
    return [e for e in examples if not e.held_out], [e for e in examples if e.held_out]


@pytest.fixture(scope="module")
def trained_without_the_held_out_part(held_out_split):
    training, _held_out = held_out_split
    return classifier.train([e.text for e in training], [e.department for e in training], version="test")


def keyword_rules():
    ordered = sorted(keyword_baseline.ROUTING_RULES, key=lambda row: row["position"])
    return tuple(decisions.Rule(id=n, name=row["name"], department_code=row["department"],
                                kinds=frozenset(row.get("kinds", ())), keywords=tuple(row["keywords"]))
                 for n, row in enumerate(ordered, start=1) if row["keywords"])


def test_the_trained_model_beats_the_keyword_rules_on_the_held_out_part(held_out_split,
                                                                        trained_without_the_held_out_part):
    _training, held_out = held_out_split
    rules = keyword_rules()
    by_rules = sum(decisions.decide(decisions.ComplaintFacts(channel=e.channel, kind=e.kind, text=e.text),
                                    rules).department_code == e.department for e in held_out)
    predictions = trained_without_the_held_out_part.predict([e.text for e in held_out], explain=False)
    by_model = sum(p.department_code == e.department for p, e in zip(predictions, held_out))
    hard = [i for i, e in enumerate(held_out) if e.hard]
    hard_by_model = sum(predictions[i].department_code == held_out[i].department for i in hard)
    assert by_model / len(held_out) >= 0.8
    assert by_model > by_rules * 1.5
    assert hard_by_model / len(hard) >= 0.7


def test_a_prediction_ranks_every_department_and_names_the_words_that_weighed(trained_without_the_held_out_part):
    [prediction] = trained_without_the_held_out_part.predict(
        ["المكيف خربان والماي يقطر من السقف على غرفة العيال من يومين"])
    assert prediction.department_code == "maintenance"
    assert len(prediction.ranked) == 10 and sum(p for _c, p in prediction.ranked) == pytest.approx(1.0)
    assert prediction.top_words and all(word for word in prediction.top_words)


def test_stored_with_skops_compressed_and_read_back_the_same(trained_without_the_held_out_part):
    data = classifier.dumps(trained_without_the_held_out_part)
    assert len(data) < 20_000_000
    again = classifier.loads(data, version="again")
    text = ["My allowance has not been paid for three months"]
    assert again.predict(text)[0].ranked == trained_without_the_held_out_part.predict(text)[0].ranked


def test_a_model_file_with_types_nobody_trusted_is_refused():
    data = skops.io.dumps({"call": os.system})  # a function reference nobody listed as trusted
    with pytest.raises(ValueError, match="not trusted"):
        classifier.loads(data)


def test_the_shipped_model_exists_is_small_and_describes_itself():
    assert model_store.SHIPPED_MODEL.stat().st_size < 20_000_000
    assert zipfile.is_zipfile(model_store.SHIPPED_MODEL)
    description = model_store.shipped_description()
    assert description["version"].startswith("shipped-")
    assert description["figures"]["held_out"]["examples"] > 0
    assert description["corpus_fingerprint"] == corpus.fingerprint(), "train_router --ship after a corpus change"


@pytest.mark.django_db
def test_without_a_promoted_version_the_shipped_model_is_used(routing_model):
    router = model_store.current_router()
    assert router is not None and router.version == model_store.shipped_description()["version"]


@pytest.mark.django_db
def test_with_the_model_switched_off_there_is_none(settings):
    settings.ROUTING_MODEL = "none"
    assert model_store.current_router() is None
