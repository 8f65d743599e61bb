"""Routing by meaning: a linear model over character and word n-grams of the normalised text.

Character n-grams (2–4, within words) carry dialect spellings, typos and the stems of Arabic words
with their particles attached; word uni- and bi-grams carry phrases. One multinomial logistic
regression over both gives probabilities that mean something, so a threshold can send doubtful
cases to triage. Measured on this corpus against a calibrated linear SVM and against word n-grams
alone (docs/routing.md). Trained in well under a minute; deciding one text takes well under a
millisecond.

A trained `Router` is stored with skops (no pickle): `dumps` and `loads` accept only the types
listed in TRUSTED_TYPES.
"""

import copy
import zipfile
from dataclasses import dataclass, field

import numpy as np
import skops.io
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from complaints.values import arabic

TOP_WORDS = 5
C = 20.0  # little regularisation: sharper probabilities, measured best on the corpus (docs/routing.md)


def prepare_text(text: str) -> str:
    """What the model reads: the text normalised as search and the keyword rules normalise it
    (hamza, ة/ه, ى/ي, diacritics, tatweel, Arabic-Indic digits, case)."""
    return arabic.normalise(text)


def prepare_texts(texts) -> list[str]:
    return [prepare_text(text) for text in texts]


def build_features() -> Pipeline:
    """Normalised once, then character n-grams (2–4, within words) and word uni- and bi-grams, each
    capped so that the model stays small however many complaints it is trained on."""
    return Pipeline([
        ("normalise", FunctionTransformer(prepare_texts)),
        ("union", FeatureUnion([
            ("characters", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, max_features=150_000,
                                           sublinear_tf=True, dtype=np.float32)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w\w+\b",
                                      min_df=2, max_features=100_000, sublinear_tf=True, dtype=np.float32)),
        ])),
    ])


def build_model(*, c: float = C) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=2000)


@dataclass(frozen=True)
class Prediction:
    ranked: tuple[tuple[str, float], ...]  # (department code, probability), likeliest first
    top_words: tuple[str, ...] = ()

    @property
    def department_code(self) -> str:
        return self.ranked[0][0]

    @property
    def confidence(self) -> float:
        return self.ranked[0][1]


@dataclass
class Router:
    pipeline: Pipeline
    version: str = ""
    figures: dict = field(default_factory=dict)

    @property
    def departments(self) -> tuple[str, ...]:
        return tuple(self.pipeline.classes_)

    def predict(self, texts: list[str], *, explain: bool = True) -> list[Prediction]:
        features = self.pipeline.named_steps["features"].transform(texts)
        model = self.pipeline.named_steps["model"]
        probabilities = model.predict_proba(features)
        classes = model.classes_
        predictions = []
        for row, probability in enumerate(probabilities):
            order = np.argsort(-probability)
            ranked = tuple((str(classes[i]), float(probability[i])) for i in order)
            words = self._weighing_words(features[row], order[0]) if explain else ()
            predictions.append(Prediction(ranked=ranked, top_words=words))
        return predictions

    def _weighing_words(self, row, class_index) -> tuple[str, ...]:
        """The word n-grams of this text that pushed hardest towards the chosen department (the
        character n-grams weigh too, but mean nothing to a reader)."""
        model = self.pipeline.named_steps["model"]
        names, first_word = self._feature_names()
        columns = row.indices[row.indices >= first_word]
        if not len(columns):
            return ()
        weights = row[:, columns].toarray()[0] * model.coef_[class_index, columns]
        order = np.argsort(-weights)[:TOP_WORDS]
        return tuple(str(names[columns[i]]).removeprefix("words__") for i in order if weights[i] > 0)

    def _feature_names(self):
        """All feature names, and the index where the word n-grams begin (they follow the characters)."""
        if not hasattr(self, "_names"):
            union = self.pipeline.named_steps["features"].named_steps["union"]
            self._names = union.get_feature_names_out()
            self._first_word = len(union.transformer_list[0][1].vocabulary_)
        return self._names, self._first_word


def train(texts: list[str], labels: list[str], *, version: str = "", c: float = C) -> Router:
    features = build_features()
    model = build_model(c=c).fit(features.fit_transform(texts), labels)
    return Router(pipeline=Pipeline([("features", features), ("model", model)]), version=version)


def train_judged_and_final(texts: list[str], labels: list[str], judged: list[bool], *, version: str = ""):
    """Two routers from one reading of the texts: one fitted on the rows marked `judged` only (to be
    judged on the rest), and the final one fitted on every row, starting from the first's weights.
    The vocabulary and its weights are learnt from all the texts without their labels, which tells
    the judged model nothing about the answers it is judged on; reading the texts once instead of
    twice is what keeps retraining on 100,000 complaints within two minutes."""
    features = build_features()
    matrix = features.fit_transform(texts)
    rows = np.flatnonzero(judged)
    judged_model = build_model().fit(matrix[rows], [labels[i] for i in rows])
    final_model = copy.deepcopy(judged_model).set_params(warm_start=True).fit(matrix, labels)
    return (Router(pipeline=Pipeline([("features", features), ("model", judged_model)])),
            Router(pipeline=Pipeline([("features", features), ("model", final_model)]), version=version))


TRUSTED_TYPES = [
    "complaints.routing.classifier.prepare_texts",
    "sklearn.preprocessing._function_transformer.FunctionTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "builtins.dict",
]


def dumps(router: Router) -> bytes:
    # Compressed: the vocabularies are stored as JSON, ten times larger than the weights.
    return skops.io.dumps(router.pipeline, compression=zipfile.ZIP_DEFLATED, compresslevel=9)


def loads(data: bytes, *, version: str = "", figures: dict | None = None) -> Router:
    untrusted = [name for name in skops.io.get_untrusted_types(data=data) if name not in TRUSTED_TYPES]
    if untrusted:
        raise ValueError(f"The model file holds types that are not trusted: {untrusted}")
    pipeline = skops.io.loads(data, trusted=TRUSTED_TYPES)
    return Router(pipeline=pipeline, version=version, figures=figures or {})
