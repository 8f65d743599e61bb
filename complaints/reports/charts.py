"""Charts drawn on the server as SVG: one horizontal bar per row, with the value written beside it.

Pure geometry, no markup (templates/complaints/_bar_chart.html draws it). The drawing is laid out
for a phone (the viewBox is about as wide as a 360 px screen) and scales with its container. Right
to left, the labels sit on the right and the bars grow leftwards; the text itself is never mirrored.
A value that is not published (None) draws no bar and says why in its place, as the table does.
"""

from dataclasses import dataclass

WIDTH = 360
LABEL_WIDTH = 100  # the month names, on the start side
AXIS_TITLE_WIDTH = 18  # the category axis's title, turned a quarter
VALUE_WIDTH = 74  # the figure written after each bar ("fewer than 5" fits)
ROW_HEIGHT = 22
BAR_HEIGHT = 14
TOP = 8
BOTTOM = 44  # the value axis: its ticks and its title


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the figure as the table writes it
    x: float
    y: float
    width: float
    text_y: float  # the baseline of the row's label and figure
    text_x: float
    label_x: float


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    summary: str  # every figure in words, for the chart's accessible description
    category_title: str
    value_title: str
    bars: list[Bar]
    ticks: list[Tick]
    height: int
    right_to_left: bool
    axis_x: float  # where the bars start
    axis_y: float  # the value axis's line
    tick_y: float
    value_title_y: float
    category_title_x: float
    category_title_y: float
    value_title_x: float

    width: int = WIDTH
    bar_height: int = BAR_HEIGHT


def _scale_maximum(largest: float) -> float:
    """A round top for the value axis (1, 2 or 5 times a power of ten), never below the largest bar."""
    if largest <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= largest:
                return step * factor
        step *= 10


def bar_chart(*, chart_id: str, title: str, category_title: str, value_title: str,
              rows: list[tuple[str, float | None, str]], right_to_left: bool,
              maximum: float | None = None, tick_suffix: str = "") -> BarChart:
    """rows: (label, value or None when not published, the figure as written in the table)."""
    plot_start = AXIS_TITLE_WIDTH + LABEL_WIDTH
    plot_width = WIDTH - plot_start - VALUE_WIDTH
    top = maximum or _scale_maximum(max((value for _, value, _ in rows if value is not None), default=0))

    def x(position: float) -> float:
        """A distance from the start side, in the drawing's left-to-right coordinates."""
        return round(WIDTH - position if right_to_left else position, 1)

    bars = []
    for index, (label, value, text) in enumerate(rows):
        length = round(plot_width * (value or 0) / top, 1)
        bar_start = plot_start + length if right_to_left else plot_start  # rect x is its left edge
        y = TOP + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bars.append(Bar(label=label, text=text, x=x(bar_start), y=y, width=length, text_y=y + BAR_HEIGHT - 3,
                        text_x=x(plot_start + length + 4), label_x=x(plot_start - 6)))
    axis_y = TOP + len(rows) * ROW_HEIGHT
    ticks = [Tick(x=x(plot_start + plot_width * share), text=f"{_number(top * share)}{tick_suffix}")
             for share in (0, 0.5, 1)]
    summary = "; ".join(f"{label}: {text}" for label, _, text in rows)
    return BarChart(chart_id=chart_id, title=title, summary=summary, category_title=category_title,
                    value_title=value_title, bars=bars, ticks=ticks, height=int(axis_y + BOTTOM),
                    right_to_left=right_to_left, axis_x=x(plot_start), axis_y=axis_y,
                    tick_y=axis_y + 14, value_title_y=axis_y + 34,
                    category_title_x=x(AXIS_TITLE_WIDTH / 2 + 2), category_title_y=axis_y / 2,
                    value_title_x=x(plot_start + plot_width / 2))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
