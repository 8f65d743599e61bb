"""Records another system exported as a file: a JSON list of objects, or a CSV file with a
header row. Each record keeps the line it is on, so an import can say which one it refused."""

import csv
import io
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    line: int
    fields: dict


def read_records(content: bytes, *, filename: str) -> list[Record]:
    """ValueError when the file is not UTF-8, not JSON or not a list of objects."""
    text = content.decode("utf-8-sig")
    if filename.lower().endswith(".csv"):
        return _csv_records(text)
    return _json_records(text)


def _csv_records(text: str) -> list[Record]:
    reader = csv.DictReader(io.StringIO(text))
    # line_num after reading a row is the row's last line: the row's own line unless a quoted
    # value spans several.
    return [Record(line=reader.line_num, fields=row) for row in reader]


def _json_records(text: str) -> list[Record]:
    objects = json.loads(text)
    if not isinstance(objects, list) or not all(isinstance(item, dict) for item in objects):
        raise ValueError("A JSON import is a list of objects.")
    # json.loads has checked the text; walk the list again only to learn where each object starts.
    decoder, position, records = json.JSONDecoder(), text.index("[") + 1, []
    for fields in objects:
        while text[position] in " \t\r\n,":
            position += 1
        records.append(Record(line=text.count("\n", 0, position) + 1, fields=fields))
        position = decoder.raw_decode(text, position)[1]
    return records
