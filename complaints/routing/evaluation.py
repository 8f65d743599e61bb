"""How well a router does on labelled examples, counted the way the ministry feels it: routed to the
right department, routed to a wrong one (a citizen loses days), or sent to triage (staff lose a
minute), and whether the right department was among the three suggested."""

from collections import Counter

from complaints.routing import decisions
from complaints.routing.classifier import Router
from complaints.routing.corpus import Example


def decide_all(router: Router, examples: list[Example], thresholds: dict[str, float] | None = None):
    opinions = router.predict([example.text for example in examples], explain=False)
    facts = [decisions.ComplaintFacts(channel=example.channel or "web", kind=example.kind or "complaint",
                                      text=example.text) for example in examples]
    return [decisions.decide(fact, (), decisions.ModelOpinion(version=router.version, ranked=opinion.ranked),
                             thresholds or {})
            for fact, opinion in zip(facts, opinions)]


def figures(router: Router, examples: list[Example], thresholds: dict[str, float] | None = None) -> dict:
    """Counts and shares over the examples: `accuracy` is the share of likeliest departments that are
    right (before any threshold); `routed_right`, `routed_wrong` and `triaged` follow the thresholds."""
    if not examples:
        return {"examples": 0}
    chosen = decide_all(router, examples, thresholds)
    likeliest = [decision.suggestions[0][0] for decision in chosen]
    right = [guess == example.department for guess, example in zip(likeliest, examples)]
    routed_right = sum(1 for d, e in zip(chosen, examples) if not d.triaged and d.department_code == e.department)
    routed_wrong = sum(1 for d, e in zip(chosen, examples) if not d.triaged and d.department_code != e.department)
    triaged = [(d, e) for d, e in zip(chosen, examples) if d.triaged]
    hard = [r for r, e in zip(right, examples) if e.hard]
    n = len(examples)
    return {
        "examples": n,
        "accuracy": round(sum(right) / n, 4),
        "hard_accuracy": round(sum(hard) / len(hard), 4) if hard else None,
        "routed_right": round(routed_right / n, 4),
        "routed_wrong": round(routed_wrong / n, 4),
        "triaged": round(len(triaged) / n, 4),
        "right_among_suggestions": round(
            sum(1 for d, e in triaged if e.department in [code for code, _p in d.suggestions]) / len(triaged), 4)
        if triaged else None,
        "by_language": {language: round(sum(r for r, e in zip(right, examples) if e.language == language)
                                        / count, 4)
                        for language, count in Counter(e.language for e in examples).items() if language},
        "departments": per_department(likeliest, [e.department for e in examples]),
    }


def per_department(predicted: list[str], actual: list[str]) -> dict[str, dict]:
    codes = sorted(set(actual) | set(predicted))
    result = {}
    for code in codes:
        true_positive = sum(1 for p, a in zip(predicted, actual) if p == a == code)
        predicted_here = sum(1 for p in predicted if p == code)
        actually_here = sum(1 for a in actual if a == code)
        result[code] = {
            "precision": round(true_positive / predicted_here, 4) if predicted_here else None,
            "recall": round(true_positive / actually_here, 4) if actually_here else None,
            "examples": actually_here,
        }
    return result
