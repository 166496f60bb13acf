"""The statistics' bar chart as geometry for a server-rendered SVG (no script, no library):
per unit, a group of labelled bars. Every bar carries its number as text, so nothing is told
by colour alone; the table beside the chart is its accessible version."""

from dataclasses import dataclass

WIDTH = 520
LABEL_HEIGHT = 22
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14
BAR_LEFT = 8
VALUE_ROOM = 170  # room right of the longest bar for "label: number"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    css_class: str
    y: float
    width: float

    @property
    def text_x(self):
        return BAR_LEFT + self.width + 6

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class Group:
    label: str
    label_y: float
    bars: tuple


@dataclass(frozen=True)
class Chart:
    groups: tuple
    width: int
    height: int


def bar_chart(rows, series):
    """rows: [(group label, {key: value})]; series: [(key, label, css class)]."""
    longest = max([values.get(key, 0) for _label, values in rows for key, *_ in series] + [1])
    scale = (WIDTH - BAR_LEFT - VALUE_ROOM) / longest
    groups, y = [], 0
    for label, values in rows:
        label_y = y + LABEL_HEIGHT - 6
        y += LABEL_HEIGHT
        bars = []
        for key, bar_label, css_class in series:
            value = values.get(key, 0)
            bars.append(Bar(str(bar_label), value, css_class, y, round(value * scale, 1)))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(Group(str(label), label_y, tuple(bars)))
        y += GROUP_GAP
    return Chart(tuple(groups), WIDTH, max(int(y), 1))
