"""The statistics' XLSX and the Office's inspection workbook: they open with openpyxl, hold the
sheets and header rows an inspector expects in the exporting user's language, their figures
match the hand-counted year (tests/inspection_support.py), and a text that looks like a
formula stays text."""

import io

import openpyxl
import pytest
import time_machine

from tests.inspection_support import NOW, speaking
from tests.question_support import zh

pytestmark = pytest.mark.django_db

URL = "/admin/reports/onlinetalk/statistics/"
WORKBOOK = "/admin/reports/onlinetalk/inspection/2022.xlsx"

SHEETS = [
    "About",
    "Plan vs held",
    "Announcement lead time",
    "Reply time",
    "Late responses",
    "Commitments",
]


@pytest.fixture
def download(client, inspection_world):
    def get(url, role="office editor", language="en"):
        client.force_login(speaking(inspection_world["users"][role], language))
        with time_machine.travel(NOW, tick=False):
            response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        return openpyxl.load_workbook(io.BytesIO(response.content))

    return get


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def in_language(language, message):
    return message if language == "en" else zh(message)


def test_the_statistics_export_holds_the_figures(download):
    book = download(URL + "?year=2022&export=xlsx")
    assert book.sheetnames == ["About", "Figures"]
    table = rows(book["Figures"])
    assert table[0][:4] == [
        "Unit",
        "Sessions planned",
        "Sessions held",
        "Announcement lead time, mean (days)",
    ]
    by_unit = {row[0]: row[1:] for row in table[1:]}
    assert by_unit["市教育局"] == [3, 3, 6.3, 5, 10, 5, 3, 1, 3, 2, 1, 0, 2, 1, 0]
    assert by_unit["市民政局"] == [2, 2, 6, 5, 7, 3, 1, 2, 2, 0, 2, 0, 0, 1, 1]
    assert by_unit["市交通运输局"] == [1, 1, 10, 10, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0]
    assert by_unit["Total"] == [5, 5, 6.8, 5, 13, 7, 3, 3, 3, 2, 2, 1, 3, 2, 1]
    about = rows(book["About"])
    assert about[1] == ["Year", 2022]
    assert about[2] == ["Units", "All units"]
    assert about[4] == ["Exported by", "office-editor"]


def test_a_units_export_holds_its_own_row(download, inspection_world):
    book = download(URL + "?export=xlsx", role="unit b reviewer")
    names = [row[0] for row in rows(book["Figures"])[1:]]
    assert names == ["市民政局", "Total"]
    assert rows(book["About"])[2] == ["Units", "市民政局"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_inspection_workbook_has_a_sheet_per_topic(download, language):
    book = download(WORKBOOK, language=language)
    assert book.sheetnames == [in_language(language, name) for name in SHEETS]
    about = rows(book.worksheets[0])
    assert about[0][0] == in_language(
        language, "Minsheng Online: inspection evidence of %(year)s"
    ) % {"year": 2022}
    assert about[1] == [in_language(language, "Year"), 2022]
    assert about[3] == [in_language(language, "Exported"), "2022-11-30 12:00"]
    assert about[4] == [in_language(language, "Exported by"), "office-editor"]
    described = [row[0] for row in about[6:12]]
    assert described == [
        in_language(language, "Sheet"),
        *(in_language(language, n) for n in SHEETS[1:]),
    ]
    headers = [rows(sheet)[0][0] for sheet in book.worksheets[1:]]
    assert headers == [
        in_language(language, h) for h in ("Month", "Session", "Session", "Session", "Session")
    ]


def test_the_plan_against_what_was_held(download):
    plan = rows(download(WORKBOOK)["Plan vs held"])
    assert plan[0] == [
        "Month",
        "Units",
        "Planned topic",
        "Session",
        "Session date",
        "State",
        "In the plan",
    ]
    assert [(row[0], row[1], row[5], row[6]) for row in plan[1:]] == [
        (3, "市教育局", "Held", "Yes"),
        (5, "市民政局", "Held", "Yes"),
        (9, "市教育局、市民政局", "Held", "Yes"),
        (11, "市交通运输局", "No session page yet", "Yes"),
        (12, "市教育局", "Not held yet", "Yes"),
        (6, "市教育局", "Held", "No"),  # s7: held outside the plan
        (10, "市民政局", "Cancelled", "No"),
        (11, "市交通运输局", "Held", "No"),  # s4: the November row has no page linked
    ]


def test_each_sessions_announcement_lead_time(download):
    lead = rows(download(WORKBOOK)["Announcement lead time"])
    assert lead[0][-2:] == ["Lead time (days)", "At least 7 days before"]
    by_title = {row[0]: (row[5], row[6]) for row in lead[1:]}
    assert by_title == {
        "义务教育招生访谈": (7, "Yes"),
        "养老服务访谈": (5, "No"),
        "=SUM(A1:A9) 职业教育访谈": (5, "No"),
        "困难学生资助联合访谈": (7, "Yes"),
        "社会救助访谈": (7, "Yes"),
        "公交线网优化访谈": (10, "Yes"),
        "课后服务访谈": (None, "No"),
    }
    assert lead[-1][4] == "Not announced"


def test_reply_time_in_working_days(download):
    reply = rows(download(WORKBOOK)["Reply time"])
    assert reply[0] == [
        "Session",
        "Units",
        "Session date",
        "Replies due",
        "Replies published on",
        "Reply time (working days)",
        "Replies",
        "Working days late",
        "Calendar estimated",
    ]
    by_title = {row[0]: row[2:] for row in reply[1:]}
    # s1: 03-16 → 03-25 is 7 working days; s2: 05-18 → 06-10 is 16 (06-03 a holiday);
    # s7: 06-15 → 06-20 is 3; s3 is 32 working days late on 11-30; s4 is due today.
    assert by_title == {
        "义务教育招生访谈": ["2022-03-16", "2022-03-30", "2022-03-25", 7, "On time", 0, "No"],
        "养老服务访谈": ["2022-05-18", "2022-06-01", "2022-06-10", 16, "Late", 6, "No"],
        "=SUM(A1:A9) 职业教育访谈": [
            "2022-06-15",
            "2022-06-29",
            "2022-06-20",
            3,
            "On time",
            0,
            "No",
        ],
        "困难学生资助联合访谈": [
            "2022-09-28",
            "2022-10-17",
            "Not yet",
            "Not yet",
            "Late",
            32,
            "No",
        ],
        "公交线网优化访谈": [
            "2022-11-16",
            "2022-11-30",
            "Not yet",
            "Not yet",
            "Not yet due",
            0,
            "No",
        ],
    }


def test_late_responses_with_their_explanations(download):
    late = rows(download(WORKBOOK)["Late responses"])
    assert late[1:] == [
        [
            "养老服务访谈",
            "市民政局",
            "2022-06-01",
            "2022-06-10",
            6,
            "因端午假期及材料核实，答复延误。",
        ],
        [
            "困难学生资助联合访谈",
            "市教育局、市民政局",
            "2022-10-17",
            "Not yet",
            32,
            "No explanation given",
        ],
    ]


def test_the_commitments_state(download):
    commitments = rows(download(WORKBOOK)["Commitments"])
    states = sorted((row[0], row[1], row[5], row[6]) for row in commitments[1:])
    assert states == sorted(
        [
            ("义务教育招生访谈", "市教育局", "Done", 100),
            ("义务教育招生访谈", "市教育局", "In progress", 40),
            ("养老服务访谈", "市民政局", "Dropped", 0),
            ("困难学生资助联合访谈", "市教育局", "Not started", 0),
            ("困难学生资助联合访谈", "市民政局", "Done", 100),
            ("公交线网优化访谈", "市交通运输局", "Not started", 0),
        ]
    )


def test_a_title_that_looks_like_a_formula_stays_text(download):
    book = download(WORKBOOK)
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]
    assert [cell.value for cell in cells] == ["=SUM(A1:A9) 职业教育访谈"] * 3
    assert {cell.data_type for cell in cells} == {"s"}
    statistics = download(URL + "?export=xlsx")
    assert not [
        cell
        for sheet in statistics.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
