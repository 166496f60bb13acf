"""The statistics match a hand-counted fixture (tests/inspection_support.py counts every figure
in its docstring), a joint session counts for each unit and once in the total, and the figures
cost the same number of queries for 1 session as for 20."""

import pytest
import time_machine

from onlinetalk.departments.models import Department
from onlinetalk.inspection.figures import default_year, known_years, parse_year, year_figures
from tests.clock import local
from tests.factories import DepartmentFactory
from tests.inspection_support import NOW, more_sessions, speaking

pytestmark = pytest.mark.django_db

FIGURES = [
    "planned",
    "held",
    "lead_days_mean",
    "lead_days_min",
    "questions_received",
    "questions_accepted",
    "questions_answered_live",
    "questions_answered_later",
    "questions_declined",
    "replies_on_time",
    "replies_late",
    "replies_awaiting",
    "commitments_open",
    "commitments_done",
    "commitments_dropped",
]

EXPECTED = {
    #        pl held mean  min rec acc live later decl on late await open done drop
    "A": (3, 3, 6.3, 5, 10, 5, 3, 1, 3, 2, 1, 0, 2, 1, 0),
    "B": (2, 2, 6.0, 5, 7, 3, 1, 2, 2, 0, 2, 0, 0, 1, 1),
    "C": (1, 1, 10.0, 10, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0),
    "total": (5, 5, 6.8, 5, 13, 7, 3, 3, 3, 2, 2, 1, 3, 2, 1),
}


def figures_of(row):
    return tuple(getattr(row, name) for name in FIGURES)


def units(world):
    return [world["units"][key] for key in ("A", "B", "C")]


def test_every_figure_matches_the_hand_count(inspection_world):
    rows, total = year_figures(units(inspection_world), 2022, NOW)
    by_name = {row.unit.name: row for row in rows}
    for key in ("A", "B", "C"):
        assert figures_of(by_name[inspection_world["units"][key].name]) == EXPECTED[key], key
    assert figures_of(total) == EXPECTED["total"]


def test_another_year_counts_only_its_own_sessions(inspection_world):
    rows, total = year_figures(units(inspection_world), 2021, NOW)
    assert [row.unit.name for row in rows] == ["市教育局"]
    assert figures_of(rows[0]) == (1, 1, 7.0, 7, 3, 3, 0, 0, 0, 1, 0, 0, 1, 0, 0)
    assert (total.planned, total.held, total.questions_received) == (1, 1, 3)


def test_one_units_figures_are_its_own(inspection_world):
    rows, total = year_figures([inspection_world["units"]["B"]], 2022, NOW)
    assert figures_of(rows[0]) == EXPECTED["B"]
    assert figures_of(total) == EXPECTED["B"]


def test_idle_units_are_left_out_unless_asked(inspection_world):
    idle = Department.objects.create(name="市档案馆", short_name="档案馆")
    rows, _total = year_figures([*units(inspection_world), idle], 2022, NOW)
    assert "市档案馆" not in [row.unit.name for row in rows]
    rows, _total = year_figures([idle], 2022, NOW, keep_idle=True)
    assert figures_of(rows[0]) == (0, 0, None, None, *([0] * 11))


def test_a_reply_becomes_late_the_working_day_after_its_deadline(inspection_world):
    c = [inspection_world["units"]["C"]]
    # s4's replies are due 2022-11-30; on 12-01 they are one working day late.
    rows, _total = year_figures(c, 2022, local(2022, 12, 1, 9, 0))
    assert (rows[0].replies_late, rows[0].replies_awaiting) == (1, 0)


def test_a_session_live_now_is_not_held_yet(inspection_world):
    during = local(2022, 11, 16, 10, 30)
    rows, _total = year_figures([inspection_world["units"]["C"]], 2022, during)
    assert rows[0].held == 0
    rows, _total = year_figures([inspection_world["units"]["C"]], 2022, local(2022, 11, 16, 11))
    assert rows[0].held == 1


def test_years_known_and_the_default(inspection_world):
    years = known_years()
    assert years == [2022, 2021]
    assert default_year(years, local(2022, 5, 1, 0, 0).date()) == 2022
    assert default_year(years, local(2024, 5, 1, 0, 0).date()) == 2022
    assert parse_year("2021", years, NOW.date()) == 2021
    for nonsense in ("abc", "-1", "99999", "\x00", "", None, "2020"):
        assert parse_year(nonsense, years, NOW.date()) == 2022


@pytest.mark.parametrize("count", [1, 20])
def test_the_figures_cost_the_same_queries_for_1_or_20_sessions(
    inspection_world, django_assert_max_num_queries, count
):
    unit = DepartmentFactory(name="市卫生健康委")
    more_sessions(inspection_world, unit, count)
    with django_assert_max_num_queries(7):
        rows, total = year_figures([unit, *units(inspection_world)], 2022, NOW)
    assert (rows[0].unit, rows[0].held, rows[0].questions_accepted) == (unit, count, count)
    assert total.held == 5 + count


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/onlinetalk/statistics/?year=2022",
        "/admin/reports/onlinetalk/statistics/?year=2022&export=xlsx",
        "/admin/reports/onlinetalk/inspection/2022.xlsx",
    ],
)
def test_the_view_costs_the_same_queries_for_1_or_20_more_sessions(
    url, inspection_world, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unit = DepartmentFactory(name="市卫生健康委")
    client.force_login(inspection_world["users"]["office editor"])
    counts = []
    for first, count in ((0, 1), (1, 19)):
        more_sessions(inspection_world, unit, count, first)
        with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(20):
        client.get(url)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_view_shows_the_table_chart_and_legend_in_the_users_language(
    inspection_world, client, language
):
    from bs4 import BeautifulSoup

    from tests.question_support import zh

    def say(message):
        return message if language == "en" else zh(message)

    client.force_login(speaking(inspection_world["users"]["office editor"], language))
    with time_machine.travel(NOW, tick=False):
        response = client.get("/admin/reports/onlinetalk/statistics/")
    soup = BeautifulSoup(response.content, "html.parser")
    total = soup.select_one(".ot-stats-total")
    assert [cell.get_text(strip=True) for cell in total.find_all(["th", "td"])] == [
        say("Total"),
        "5",
        "5",
        "6.8",
        "5",
        "13",
        "7",
        "3",
        "3",
        "3",
        "2",
        "2",
        "1",
        "3",
        "2",
        "1",
    ]
    charts = soup.select("svg[role=img]")
    assert len(charts) == 2
    titles = [chart.find("title").get_text() for chart in charts]
    assert titles == [
        say("Sessions planned and held per unit"),
        say("Replies on time and late per unit"),
    ]
    for chart in charts:
        assert chart.find("desc").get_text().strip()
        assert not chart.find("script")
    transport = [bar.get_text() for bar in charts[0].select("text.ot-stats-chart__value")][:2]
    # 市交通运输局 comes first by name.
    assert transport == [f"{say('Sessions planned')} 1", f"{say('Sessions held')} 1"]
    assert soup.select_one(".ot-stats-table-wrap table caption")
    assert say("How the figures are counted") in soup.get_text()
    assert "http://" not in str(charts[0]).replace("http://www.w3.org/2000/svg", "")
