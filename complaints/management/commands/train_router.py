"""`manage.py train_router`: trains the routing model and stores it, promoted only when it does at
least as well as the current one (complaints/routing/learning.py; beat does the same each night).

`--ship` instead trains on the corpus alone and writes the model shipped with the code
(complaints/routing/trained/router.skops, with its figures in router.json): the held-out fifth
judged by a fit that never saw it, and per-department precision and recall cross-validated over
the rest.
"""

import json
import time

from django.core.management.base import BaseCommand
from django.utils import timezone
from sklearn.model_selection import StratifiedKFold

from complaints.routing import classifier, corpus, evaluation, learning, model_store

FOLDS = 5


class Command(BaseCommand):
    help = "Trains the routing model; --ship writes the one shipped with the code."

    def add_arguments(self, parser):
        parser.add_argument("--ship", action="store_true",
                            help="Train on the corpus alone and write complaints/routing/trained/router.skops.")
        parser.add_argument("--no-cross-validation", action="store_true",
                            help="With --ship: skip the cross-validated per-department figures.")

    def handle(self, *args, **options):
        if options["ship"]:
            self.ship(cross_validate=not options["no_cross_validation"])
            return
        started = time.monotonic()
        outcome = learning.retrain()
        self.stdout.write(json.dumps(outcome.version.figures, indent=2, ensure_ascii=False))
        self.stdout.write(f"{outcome.version.version}: {outcome.reason} "
                          f"({time.monotonic() - started:.1f} s, {outcome.version.trained_on})")

    def ship(self, *, cross_validate: bool):
        examples = corpus.examples()
        training = [e for e in examples if not e.held_out]
        held_out = [e for e in examples if e.held_out]
        started = time.monotonic()
        version = f"shipped-{timezone.now():%Y%m%d}-{corpus.fingerprint()}"
        judged, router = classifier.train_judged_and_final(
            [e.text for e in examples], [e.department for e in examples], [not e.held_out for e in examples],
            version=version)
        figures = {"held_out": evaluation.figures(judged, held_out)}
        if cross_validate:
            figures["cross_validated"] = cross_validated(training)
        data = classifier.dumps(router)
        model_store.SHIPPED_MODEL.parent.mkdir(parents=True, exist_ok=True)
        model_store.SHIPPED_MODEL.write_bytes(data)
        description = {"version": version, "corpus_fingerprint": corpus.fingerprint(), "examples": len(examples),
                       "held_out_examples": len(held_out), "bytes": len(data), "figures": figures}
        model_store.SHIPPED_FIGURES.write_text(json.dumps(description, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        self.stdout.write(json.dumps(figures, indent=1, ensure_ascii=False))
        self.stdout.write(f"Wrote {model_store.SHIPPED_MODEL} ({len(data) / 1e6:.1f} MB), version {version}, "
                          f"{len(examples)} examples, in {time.monotonic() - started:.0f} s.")


def cross_validated(examples: list[corpus.Example]) -> dict:
    """Per-department precision and recall with each example predicted by a fit that did not see it."""
    labels = [e.department for e in examples]
    predicted = [""] * len(examples)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=2026)
    for train_index, test_index in folds.split(examples, labels):
        router = classifier.train([examples[i].text for i in train_index], [labels[i] for i in train_index])
        for i, prediction in zip(test_index, router.predict([examples[i].text for i in test_index], explain=False)):
            predicted[i] = prediction.department_code
    right = sum(p == a for p, a in zip(predicted, labels))
    return {"folds": FOLDS, "examples": len(examples), "accuracy": round(right / len(examples), 4),
            "departments": evaluation.per_department(predicted, labels)}
