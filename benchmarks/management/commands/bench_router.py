"""`manage.py bench_router`: the routing model's costs on this machine, printed with the command.

- loading the shipped model, and the process's memory before and after (what a worker carries);
- deciding one complaint at a time (the model's opinion plus the decision), p50/p95/p99;
- a batch of 200, as the routing task reads them;
- retraining on --examples complaints (default 100,000: the corpus's texts, each varied by a few
  words, so that the vocabulary grows as a ministry's would) as `learning.retrain` does: the texts
  read once, a judged fit on four fifths and the final fit on all.
"""

import random
import resource
import statistics
import time

from django.core.management.base import BaseCommand

from complaints.routing import classifier, corpus, decisions, model_store


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Times the routing model: load, one decision, a batch, and training on many complaints."

    def add_arguments(self, parser):
        parser.add_argument("--examples", type=int, default=100_000)
        parser.add_argument("--decisions", type=int, default=2000)

    def handle(self, *args, **options):
        figure = lambda name, value: self.stdout.write(f"{name:<48} {value}")  # noqa: E731
        self.stdout.write("manage.py bench_router " + f"--examples {options['examples']}")
        before = rss_mb()
        started = time.perf_counter()
        router = classifier.loads(model_store.SHIPPED_MODEL.read_bytes(), version="shipped")
        figure("load the shipped model", f"{time.perf_counter() - started:.2f} s")
        figure("model file", f"{model_store.SHIPPED_MODEL.stat().st_size / 1e6:.1f} MB")
        router.predict(["warm up"])
        figure("process memory before / after loading", f"{before:.0f} MB / {rss_mb():.0f} MB")

        examples = corpus.examples()
        rng = random.Random(2026)
        texts = [rng.choice(examples).text for _ in range(options["decisions"])]
        timings = []
        for text in texts:
            started = time.perf_counter()
            [prediction] = router.predict([text])
            decisions.decide(decisions.ComplaintFacts(channel="web", kind="complaint", text=text), (),
                             decisions.ModelOpinion(version="shipped", ranked=prediction.ranked,
                                                    top_words=prediction.top_words), {})
            timings.append((time.perf_counter() - started) * 1000)
        cuts = statistics.quantiles(timings, n=100)
        figure("decide one complaint p50 / p95 / p99", f"{cuts[49]:.2f} / {cuts[94]:.2f} / {cuts[98]:.2f} ms")
        batch = texts[:200]
        started = time.perf_counter()
        router.predict(batch)
        elapsed = time.perf_counter() - started
        figure("a batch of 200 (with the weighing words)", f"{elapsed * 1000:.0f} ms = {200 / elapsed:.0f} /s")

        many = [varied(rng.choice(examples), rng) for _ in range(options["examples"])]
        started = time.perf_counter()
        _judged, trained = classifier.train_judged_and_final(
            [e.text for e in many], [e.department for e in many], [rng.random() >= 0.2 for _ in many])
        elapsed = time.perf_counter() - started
        figure(f"retrain on {len(many):,} complaints (judged + final fit)", f"{elapsed:.1f} s")
        figure("  its model file", f"{len(classifier.dumps(trained)) / 1e6:.1f} MB")
        figure("process memory at the end", f"{rss_mb():.0f} MB")


def varied(example: corpus.Example, rng: random.Random) -> corpus.Example:
    """The example with a few of its words dropped and a reference-like number added: a stand-in for
    the ministry's own complaints, which say the same things in endlessly different words."""
    words = example.text.split()
    kept = [word for word in words if rng.random() > 0.15] or words
    return corpus.Example(id="", text=" ".join(kept) + f" {rng.randrange(10**6)}", department=example.department)
