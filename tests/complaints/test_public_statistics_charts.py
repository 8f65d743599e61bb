"""The public statistics draw their figures as server-side SVG charts, each followed by a table of the
same figures, in Arabic (right to left) and English."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from complaints.models import Complaint
from complaints.reports import charts
from tests.factories import ComplaintFactory

BAHRAIN = ZoneInfo("Asia/Bahrain")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=BAHRAIN)


@pytest.fixture
def two_months(db, monkeypatch):
    """April 2026: 18 web complaints, 12 answered in 10 days and 6 in 40 (67% on time).
    May 2026: 3 complaints, a total too small to publish."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    cache.clear()
    for n in range(18):
        received = datetime(2026, 4, 1 + n, 9, tzinfo=BAHRAIN)
        ComplaintFactory(channel="web", received_at=received, status=Complaint.Status.CLOSED,
                         responded_at=received + timedelta(days=10 if n < 12 else 40))
    for n in range(3):
        ComplaintFactory(channel="web", received_at=datetime(2026, 5, 2 + n, 9, tzinfo=BAHRAIN))
    yield
    cache.clear()


def _svg(html, chart_id):
    return re.search(rf'<svg[^>]*id="{chart_id}".*?</svg>', html, re.S).group(0)


def _texts(svg, css_class):
    return [unescape(text).strip() for text in re.findall(rf'<text class="{css_class}"[^>]*>(.*?)</text>', svg, re.S)]


def _table_column(html, heading_id, column):
    """The row headings and one column of the table under a heading, as written."""
    table = re.search(rf'aria-labelledby="{heading_id}">.*?</table>', html, re.S).group(0)
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S)
    return [(unescape(label).strip(), unescape(re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)[column])).strip())
            for label, cells in rows]


@pytest.mark.parametrize("language, fewer, rtl", [("en", "fewer than 5", "ltr"), ("ar", "أقل من 5", "rtl")])
def test_each_chart_draws_the_same_figures_as_the_table_after_it(client, two_months, language, fewer, rtl):
    html = client.get(f"/{language}/statistics/").content.decode()

    received = _svg(html, "chart-received")
    assert 'role="img"' in received and f'direction="{rtl}"' in received
    assert 'aria-labelledby="chart-received-title chart-received-desc"' in received
    table = _table_column(html, "title-volumes", -1)  # the month's total
    assert list(zip(_texts(received, "chart-label"), _texts(received, "chart-value"))) == table
    assert ("18" in dict(table).values()) and (fewer in dict(table).values())
    summary = unescape(re.search(r"<desc[^>]*>(.*?)</desc>", received, re.S).group(1))
    assert summary == "; ".join(f"{label}: {value}" for label, value in table)
    assert len(_texts(received, "chart-axis-title")) == 2
    assert received.count('class="chart-bar"') == 1  # only April's is published
    coordinates = re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', received)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates

    on_time = _svg(html, "chart-on-time")
    shares = _table_column(html, "title-answers", 0)
    assert list(zip(_texts(on_time, "chart-label"), _texts(on_time, "chart-value"))) == shares
    assert "67%" in dict(shares).values()
    assert html.index('id="chart-received"') < html.index('aria-labelledby="title-volumes"') \
        < html.index('id="chart-on-time"') < html.index('aria-labelledby="title-answers"')


def test_the_page_names_the_axes_in_arabic(client, two_months):
    html = client.get("/ar/statistics/").content.decode()
    assert _texts(_svg(html, "chart-received"), "chart-axis-title") == ["الشكاوى الواردة", "الشهر"]
    assert "Complaints received" not in html


@pytest.mark.parametrize("right_to_left", [False, True])
def test_bars_grow_from_the_start_side_and_stay_inside_the_drawing(right_to_left):
    chart = charts.bar_chart(chart_id="c", title="t", category_title="Month", value_title="n",
                             rows=[("a", 40, "40"), ("b", None, "fewer than 5"), ("c", 20, "20")],
                             right_to_left=right_to_left)
    full, missing, half = chart.bars
    assert missing.width == 0 and full.width == 2 * half.width
    assert [tick.text for tick in chart.ticks] == ["0", "25", "50"]
    for bar in chart.bars:
        assert 0 <= bar.x and bar.x + bar.width <= chart.width
    if right_to_left:  # bars end at the axis on the right; the figure is written to their left
        assert full.x + full.width == half.x + half.width == chart.axis_x and full.text_x < full.x
        assert full.label_x > chart.axis_x
    else:
        assert full.x == half.x == chart.axis_x and full.text_x > full.x + full.width
        assert full.label_x < chart.axis_x
