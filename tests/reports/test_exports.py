"""CSV and XLSX exports: they open, hold the figures, and never carry a live formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from complaints.reports.exports import as_csv, as_xlsx, neutralise
from complaints.reports.tables import Table


QUERY = "?start=2026-03-01&end=2026-06-15&period=month"


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+973 1700", "'+973 1700"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("إدارة الصيانة", "إدارة الصيانة"),
    ("a=b", "a=b"),
    (-3, -3),
    (12.5, 12.5),
    (None, None),
])
def test_cells_that_would_be_formulas_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_an_evil_category_name_leaves_as_text_in_both_formats():
    table = Table(slug="volumes-category", title="t", columns=["Period", "=cmd|'/c calc'!A1", "Total"],
                  rows=[["March 2026", 4, 4]])
    rows = list(csv.reader(io.StringIO(as_csv(table).decode("utf-8-sig"))))
    assert rows[0][1] == "'=cmd|'/c calc'!A1"
    sheet = load_workbook(io.BytesIO(as_xlsx(table, right_to_left=False))).active
    assert sheet["B1"].value == "'=cmd|'/c calc'!A1" and sheet["B1"].data_type == "s"


@pytest.fixture
def signed_in(client, supervisor, frozen_now):
    client.force_login(supervisor)
    return client


def test_csv_export_holds_the_tables_figures(signed_in, hand_counted):
    response = signed_in.get("/en" + reverse("report_export", args=["backlog", "csv"])[3:] + QUERY)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Age", "Complaints waiting"], ["0 to 7 days", "1"], ["8 to 14 days", "1"],
                    ["15 to 30 days", "1"], ["More than 30 days", "2"]]


def test_xlsx_export_opens_right_to_left_in_arabic_with_the_figures(signed_in, hand_counted):
    response = signed_in.get("/ar" + reverse("report_export", args=["volumes-channel", "xlsx"])[3:] + QUERY)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft is True
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[-1] for row in rows[1:]] == [2, 3, 1, 2]  # the monthly totals of tests/reports/conftest.py


def test_xlsx_export_is_left_to_right_in_english(signed_in, hand_counted):
    response = signed_in.get("/en/reports/satisfaction.xlsx" + QUERY)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert not sheet.sheet_view.rightToLeft
    assert list(sheet.iter_rows(values_only=True)) == [("Score", "Ratings"), ("1", 0), ("2", 1), ("3", 0),
                                                       ("4", 1), ("5", 1)]


def test_an_unknown_table_is_not_found(signed_in, db):
    assert signed_in.get(reverse("report_export", args=["citizens", "csv"])).status_code == 404
    assert signed_in.get(reverse("report_export", args=["backlog", "pdf"])).status_code == 404
