"""The labelled corpus the router is trained on: complaints, inquiries and suggestions written by the
team, one JSON object a line in corpus/<department>.jsonl (see docs/routing.md for how it was
written). A fixed fifth of it, chosen by each example's id, is held out: never trained on when a
model is judged, and the yardstick every new model must match before it is promoted."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent / "corpus"
HELD_OUT_SHARE = 5  # one example in five


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    department: str
    language: str = ""
    channel: str = ""
    kind: str = ""
    hard: bool = False

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha256(self.id.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0


def text_of(subject: str, body: str) -> str:
    """What the model reads of a complaint: its subject and details."""
    return f"{subject}\n{body}".strip()


def from_row(row: dict) -> Example:
    return Example(id=str(row["id"]), text=text_of(row.get("subject") or "", row.get("body") or ""),
                   department=row["department"], language=row.get("language", ""), channel=row.get("channel", ""),
                   kind=row.get("kind", ""), hard=bool(row.get("hard", False)))


def rows(folder: Path | None = None) -> list[dict]:
    found = []
    for path in sorted((folder or FOLDER).glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            found += [json.loads(line) for line in lines if line.strip()]
    return found


def examples(folder: Path | None = None) -> list[Example]:
    return [from_row(row) for row in rows(folder)]


def fingerprint(folder: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted((folder or FOLDER).glob("*.jsonl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
