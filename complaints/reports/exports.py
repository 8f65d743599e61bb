"""CSV and XLSX exports of a report table. A cell a spreadsheet would read as a formula is
neutralised first, whatever wrote the text (a category name, a department's name)."""

import csv
import io

from openpyxl import Workbook

from complaints.reports.tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that starts like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cells(table: Table) -> list[list]:
    return [[neutralise(str(column)) for column in table.columns],
            *([neutralise("" if value is None else value) for value in row] for row in table.rows)]


def as_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the Arabic."""
    out = io.StringIO()
    csv.writer(out).writerows(_cells(table))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(table: Table, *, right_to_left: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.slug[:31]
    sheet.sheet_view.rightToLeft = right_to_left
    for row in _cells(table):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
