"""`manage.py import_schedule YEAR FILE`: the office's annex spreadsheet (.csv or .xlsx) becomes the
year page's slots; a malformed file names the row and changes nothing."""

import csv
import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook
from wagtail.models import Revision

from onlinetalk.departments.models import Department
from onlinetalk.management.commands.import_schedule import Command as ImportScheduleCommand
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot
from tests.factories import (
    AnnualSchedulePageFactory,
    DepartmentFactory,
    TalkIndexPageFactory,
)

TITLE = ["附件：2022年“民生在线”排期表"]
HEADER = ["月份", "部门名称"]
ANNEX = [
    ["3月", "市发展改革局"],
    ["4月", "市人力资源社会保障局"],
    ["5月", "市交通运输局"],
    ["6月", "市市场监管局"],
    ["7月", "市审计局"],
    ["8月", "市城市管理综合执法局"],
    ["9月", "市农业农村局"],
    ["10月", "市国资委"],
    ["11月", "市教育局、市民政局"],
    ["12月", "市不动产登记中心"],
]
ANNEX_UNITS = {
    "市发展改革局",
    "市人力资源社会保障局",
    "市交通运输局",
    "市市场监管局",
    "市审计局",
    "市城市管理综合执法局",
    "市农业农村局",
    "市国资委",
    "市教育局",
    "市民政局",
    "市不动产登记中心",
}


@pytest.fixture(autouse=True)
def chinese_messages():
    """`manage.py` runs in the site's default language, Chinese."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def year_page(home):
    """The published 2022 page (March to December) with no slots yet."""
    column = TalkIndexPageFactory(parent=home)
    page = AnnualSchedulePageFactory(parent=column, year=2022, first_month=3, last_month=12)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture(params=["csv", "xlsx"])
def annex_file(request, tmp_path):
    """Write the rows as the office keeps them: a title row, the header, then the schedule."""
    writer = write_csv if request.param == "csv" else write_xlsx

    def make(rows, *, title=True, header=HEADER, name="annex"):
        table = ([TITLE] if title else []) + ([header] if header else []) + rows
        return str(writer(tmp_path / f"{name}.{request.param}", table))

    return make


def run_import(*args):
    out = StringIO()
    call_command("import_schedule", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def live_schedule(page):
    page = AnnualSchedulePage.objects.get(pk=page.pk)
    return _schedule(page)


def draft_schedule(page):
    page = AnnualSchedulePage.objects.get(pk=page.pk)
    return _schedule(page.get_latest_revision_as_object())


def _schedule(page):
    return sorted(
        (slot.month, sorted(unit.name for unit in slot.departments.all()))
        for slot in page.schedule_slots.all()
    )


def state(page):
    """Everything an import could change."""
    return {
        "units": sorted(Department.objects.values_list("locale_id", "name")),
        "revisions": Revision.objects.count(),
        "latest_revision": AnnualSchedulePage.objects.get(pk=page.pk).latest_revision_id,
        "live slots": ScheduleSlot.objects.count(),
        "draft": draft_schedule(page),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
    }


EXPECTED = sorted(
    (int(month.removesuffix("月")), sorted(units.split("、"))) for month, units in ANNEX
)


# The happy path ------------------------------------------------------------------------------


def test_import_creates_slots_and_missing_units_as_a_draft(year_page, annex_file):
    output = run_import(2022, annex_file(ANNEX))

    assert draft_schedule(year_page) == EXPECTED
    assert live_schedule(year_page) == []  # a draft revision, for approval
    assert set(Department.objects.values_list("name", flat=True)) == ANNEX_UNITS
    assert Department.objects.filter(locale=year_page.locale).count() == 11
    for name in ANNEX_UNITS:
        assert f"新增单位：{name}" in output
    assert "已新增：11月 市教育局、市民政局" in output
    assert "已新增：3月 市发展改革局" in output
    assert output.count("已新增：") == 10
    assert "已保存为草稿修订版本" in output
    # New units get their groups at once.
    assert "+ 市教育局-编辑" in output
    assert Group.objects.filter(name__in=["市民政局-编辑", "市民政局-审核"]).count() == 2


def test_second_import_is_already_up_to_date(year_page, annex_file):
    path = annex_file(ANNEX)
    run_import(2022, path)
    before = state(year_page)

    output = run_import(2022, path)

    assert "已是最新" in output
    assert "已新增" not in output and "已更新" not in output and "新增单位" not in output
    assert state(year_page) == before


def test_publish_puts_the_slots_on_the_live_page(year_page, annex_file, client):
    output = run_import(2022, annex_file(ANNEX), "--publish")

    assert "已发布" in output
    assert live_schedule(year_page) == EXPECTED
    page = AnnualSchedulePage.objects.get(pk=year_page.pk)
    assert not page.has_unpublished_changes
    html = client.get(page.url).content.decode()
    assert "市不动产登记中心" in html and "市民政局" in html


def test_import_reuses_units_by_name_or_short_name(year_page, annex_file):
    education = DepartmentFactory(name="市教育局", short_name="教育局")
    civil = DepartmentFactory(name="市民政局", short_name="民政局")

    output = run_import(2022, annex_file([["11月", "教育局，市民政局"]]))

    assert "新增单位" not in output
    assert Department.objects.count() == 2
    [slot] = (
        AnnualSchedulePage.objects.get(pk=year_page.pk)
        .get_latest_revision_as_object()
        .schedule_slots.all()
    )
    assert {unit.pk for unit in slot.departments.all()} == {education.pk, civil.pk}


def test_import_updates_a_changed_month_and_keeps_the_rest(year_page, annex_file):
    run_import(2022, annex_file(ANNEX), "--publish")
    changed = [row if row[0] != "5月" else ["5月", "市审计局"] for row in ANNEX[:5]]

    output = run_import(2022, annex_file(changed, name="changed"), "--publish")

    assert "已更新：5月 市审计局" in output
    assert output.count("已更新") == 1 and "已新增" not in output
    schedule = dict(live_schedule(year_page))
    assert schedule[5] == ["市审计局"]
    assert schedule[12] == ["市不动产登记中心"]  # months the file leaves out are kept
    assert len(live_schedule(year_page)) == 10


def test_import_reads_month_numbers_and_topics(year_page, tmp_path):
    path = write_xlsx(
        tmp_path / "numbers.xlsx",
        [
            ["月份", "部门名称", "主题"],
            [3, "市发展改革局", "稳经济促发展"],
            [4.0, "市审计局", None],
        ],
    )

    run_import(2022, path, "--publish")

    slots = sorted(
        AnnualSchedulePage.objects.get(pk=year_page.pk).schedule_slots.all(),
        key=lambda slot: slot.month,
    )
    assert [(slot.month, slot.planned_topic) for slot in slots] == [
        (3, "稳经济促发展"),
        (4, ""),
    ]


def test_import_reads_a_gb18030_csv(year_page, tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("月份,部门名称\n11月,市教育局、市民政局\n".encode("gb18030"))

    run_import(2022, path)

    assert draft_schedule(year_page) == [(11, ["市教育局", "市民政局"])]


# Malformed files: the row is named, nothing changes ------------------------------------------


@pytest.mark.parametrize(
    ("rows", "row_number", "reason"),
    [
        ([*ANNEX[:3], ["13月", "市审计局"]], 6, "“13月”不是有效的月份"),
        ([*ANNEX[:2], ["下月", "市审计局"], *ANNEX[2:]], 5, "“下月”不是有效的月份"),
        ([*ANNEX[:4], ["7月", ""]], 7, "未填写单位"),
        ([*ANNEX[:4], ["7月", " 、 "]], 7, "未填写单位"),
        ([["1月", "市新单位"], *ANNEX], 3, "1月不在活动期间内（3月至12月）"),
        ([*ANNEX, ["11月", "市教育局"]], 13, "市教育局在11月已有排期"),
        ([*ANNEX[:1], ["4月", "市" + "长" * 120]], 4, "超过100个字符"),
    ],
)
def test_malformed_row_is_named_and_nothing_changes(
    year_page, annex_file, rows, row_number, reason
):
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, annex_file(rows))

    message = str(error.value)
    assert f"第{row_number}行" in message
    assert reason in message
    assert "未作任何更改" in message
    assert state(year_page) == before
    assert not Department.objects.exists()


def test_malformed_row_in_english(year_page, annex_file):
    with translation.override("en"), pytest.raises(CommandError) as error:
        run_import(2022, annex_file([*ANNEX[:3], ["13月", "市审计局"]]))

    assert "Row 6: “13月” is not a month." in str(error.value)
    assert "Nothing was changed." in str(error.value)


def test_file_without_a_header_changes_nothing(year_page, annex_file):
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, annex_file(ANNEX, header=None))

    assert "未找到表头" in str(error.value)
    assert state(year_page) == before


def test_header_without_a_unit_column_is_named(year_page, annex_file):
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, annex_file(ANNEX, header=["月份", "备注"]))

    assert "第2行" in str(error.value)
    assert "部门名称" in str(error.value)
    assert state(year_page) == before


def test_header_without_rows_changes_nothing(year_page, annex_file):
    before = state(year_page)

    with pytest.raises(CommandError):
        run_import(2022, annex_file([]))

    assert state(year_page) == before


def test_bad_row_after_good_ones_keeps_existing_draft(year_page, annex_file):
    run_import(2022, annex_file(ANNEX[:2]), "--publish")
    existing = DepartmentFactory(name="市已有局")
    before = state(year_page)

    with pytest.raises(CommandError):
        run_import(2022, annex_file([["5月", "市新增局"], ["6月", existing.name], ["月份?", "x"]]))

    assert state(year_page) == before
    assert not Department.objects.filter(name="市新增局").exists()


def test_missing_file_unknown_type_and_missing_year(year_page, tmp_path):
    before = state(year_page)
    text = tmp_path / "annex.txt"
    text.write_text("月份,部门名称\n3月,市审计局\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a spreadsheet")

    with pytest.raises(CommandError, match="文件不存在"):
        run_import(2022, tmp_path / "nope.csv")
    with pytest.raises(CommandError, match=r"\.xlsx"):
        run_import(2022, text)
    with pytest.raises(CommandError, match=r"broken\.xlsx"):
        run_import(2022, broken)
    with pytest.raises(CommandError, match="2031"):
        run_import(2031, write_csv(tmp_path / "ok.csv", [HEADER, ["3月", "市审计局"]]))
    assert state(year_page) == before


# The rules hold for the schedule the import leaves, not only for the file -------------------


def test_a_unit_named_by_its_short_name_is_still_the_same_unit(year_page, annex_file):
    DepartmentFactory(name="市教育局", short_name="教育局")
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, annex_file([["11月", "市教育局"], ["11月", "教育局"]]))

    assert "第4行" in str(error.value)
    assert state(year_page) == before


def test_import_never_leaves_a_unit_twice_in_one_month(year_page, annex_file):
    education = DepartmentFactory(name="市教育局")
    civil = DepartmentFactory(name="市民政局")
    page = AnnualSchedulePage.objects.get(pk=year_page.pk)
    first, second = ScheduleSlot(month=11, sort_order=0), ScheduleSlot(month=11, sort_order=1)
    first.departments.set([education])
    second.departments.set([civil])
    page.schedule_slots.set([first, second])
    page.save_revision().publish()
    assert live_schedule(year_page) == [(11, ["市教育局"]), (11, ["市民政局"])]

    # The row matches November's second slot, which already has exactly its unit.
    output = run_import(2022, annex_file([["11月", "市民政局"]]), "--publish")

    assert "已是最新" in output
    assert live_schedule(year_page) == [(11, ["市教育局"]), (11, ["市民政局"])]


def test_a_row_that_would_clash_with_a_kept_slot_is_refused(year_page, annex_file):
    education, civil, audit = (
        DepartmentFactory(name=name) for name in ("市教育局", "市民政局", "市审计局")
    )
    page = AnnualSchedulePage.objects.get(pk=year_page.pk)
    first, second = ScheduleSlot(month=11, sort_order=0), ScheduleSlot(month=11, sort_order=1)
    first.departments.set([education, civil])
    second.departments.set([audit])
    page.schedule_slots.set([first, second])
    page.save_revision().publish()
    before = state(year_page)

    # The row replaces November's first slot; the second one, kept, already has 市审计局.
    with pytest.raises(CommandError) as error:
        run_import(2022, annex_file([["11月", "市审计局、市民政局"]]), "--publish")

    assert "第3行" in str(error.value)
    assert "市审计局在11月已有排期" in str(error.value)
    assert state(year_page) == before


# Months written with their year, or as a date ----------------------------------------------


@pytest.mark.parametrize(
    "month",
    [
        "2022年3月",
        "2022年03月",
        "2022年3月份",
        "2022年三月",
        "2022 年 3 月",
        "2022-03",
        "2022/3",
        "2022.3",
        "2022/3/1",
        "2022-03-15",
        "2022年3月15日",
        # The forms without a year keep working.
        "3月",
        "03",
        "三月",
        "March",
        "Mar.",
    ],
)
def test_a_month_written_with_its_year_is_read(year_page, annex_file, month):
    run_import(2022, annex_file([[month, "市审计局"]]))

    assert draft_schedule(year_page) == [(3, ["市审计局"])]


@pytest.mark.parametrize("month", [datetime.date(2022, 3, 1), datetime.datetime(2022, 3, 15, 0, 0)])
def test_a_date_cell_is_read_as_its_month(year_page, tmp_path, month):
    path = write_xlsx(tmp_path / "dates.xlsx", [HEADER, [month, "市审计局"]])

    run_import(2022, path)

    assert draft_schedule(year_page) == [(3, ["市审计局"])]


@pytest.mark.parametrize("month", ["2022年13月", "2022-00", "2022/2/30", "22年3月"])
def test_a_month_with_a_year_that_is_no_month_is_refused(year_page, annex_file, month):
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, annex_file([["4月", "市审计局"], [month, "市教育局"]]))

    assert f"第4行：“{month}”不是有效的月份" in str(error.value)
    assert state(year_page) == before


def test_a_number_with_a_fraction_is_not_read_as_year_and_month(year_page, tmp_path):
    """2022.10 stored as a number is 2022.1: October and January would look the same."""
    path = write_xlsx(tmp_path / "fraction.xlsx", [HEADER, [2022.1, "市审计局"]])
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, path)

    assert "第2行：“2022.1”不是有效的月份" in str(error.value)
    assert state(year_page) == before


@pytest.mark.parametrize("month", ["2023年4月", "2021-04", "2023/4/1"])
def test_a_row_of_another_year_is_refused_and_nothing_changes(year_page, annex_file, month):
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, annex_file([*ANNEX[:2], [month, "市新单位"]]))

    message = str(error.value)
    assert f"第5行：“{month}”不属于本次导入的2022年" in message
    assert "未作任何更改" in message
    assert state(year_page) == before
    assert not Department.objects.exists()


def test_a_date_cell_of_another_year_is_refused(year_page, tmp_path):
    path = write_xlsx(tmp_path / "dates.xlsx", [HEADER, [datetime.date(2023, 4, 1), "市审计局"]])
    before = state(year_page)

    with pytest.raises(CommandError) as error:
        run_import(2022, path)

    assert "第2行：“2023-04-01”不属于本次导入的2022年" in str(error.value)
    assert state(year_page) == before


def test_a_row_of_another_year_in_english(year_page, annex_file):
    with translation.override("en"), pytest.raises(CommandError) as error:
        run_import(2022, annex_file([["2023年4月", "市审计局"]]))

    assert "Row 3: “2023年4月” is not in 2022, the year being imported." in str(error.value)


# --create: a year page made from the file --------------------------------------------------


NEW_YEAR = [
    ["2023年4月", "市审计局"],
    ["2023年5月", "市教育局、市民政局"],
    ["2023年9月", "市国资委"],
]
NEW_YEAR_SCHEDULE = [(4, ["市审计局"]), (5, ["市教育局", "市民政局"]), (9, ["市国资委"])]


@pytest.fixture
def column(home):
    """The column with no page for 2023."""
    return TalkIndexPageFactory(parent=home)


def year_page_of(year):
    return AnnualSchedulePage.objects.get(year=year)


def test_create_makes_a_draft_year_page_with_the_files_months(column, annex_file):
    output = run_import(2023, annex_file(NEW_YEAR), "--create")

    page = year_page_of(2023)
    assert page.get_parent().pk == column.pk
    assert page.locale == column.locale
    assert page.title == "2023年市政府门户网站民生在线互动交流"
    assert page.slug == "2023"
    assert page.issuing_office == "珠海市人民政府办公室"
    assert (page.first_month, page.last_month) == (4, 9)
    assert page.notice == (
        "<p>珠海市人民政府办公室组织开展2023年市政府门户网站“民生在线”互动交流，"
        "排期见附件（4月至9月）。</p>"
    )
    assert not page.live
    assert page.has_unpublished_changes
    assert draft_schedule(page) == NEW_YEAR_SCHEDULE
    assert (
        "已新建年度排期页面：2023年市政府门户网站民生在线互动交流（位于栏目“民生在线”下）" in output
    )
    assert "已保存为草稿修订版本" in output


def test_create_with_publish_makes_the_page_live(column, annex_file, client):
    output = run_import(2023, annex_file(NEW_YEAR), "--create", "--publish")

    page = year_page_of(2023)
    assert page.live
    assert not page.has_unpublished_changes
    assert live_schedule(page) == NEW_YEAR_SCHEDULE
    assert "已发布" in output
    html = client.get(page.url).content.decode()
    assert "市国资委" in html


def test_create_takes_the_issuing_office_from_the_option(column, annex_file):
    run_import(
        2023, annex_file(NEW_YEAR), "--create", "--issuing-office", "珠海市政务服务数据管理局"
    )

    page = year_page_of(2023)
    assert page.issuing_office == "珠海市政务服务数据管理局"
    assert page.notice.startswith("<p>珠海市政务服务数据管理局组织开展2023年")


def test_create_takes_the_issuing_office_from_the_setting(column, annex_file, settings):
    settings.ONLINETALK_DEFAULT_ISSUING_OFFICE = "某市人民政府办公室"

    run_import(2023, annex_file(NEW_YEAR), "--create")

    assert year_page_of(2023).issuing_office == "某市人民政府办公室"


def test_created_page_is_in_the_default_language_whatever_the_commands(column, annex_file):
    with translation.override("en"):
        output = run_import(2023, annex_file(NEW_YEAR), "--create")

    assert year_page_of(2023).title == "2023年市政府门户网站民生在线互动交流"
    assert (
        "New year page: 2023年市政府门户网站民生在线互动交流, under the column 民生在线." in output
    )
    assert "saved as a draft revision" in output


@pytest.mark.parametrize(
    "rows",
    [
        [*NEW_YEAR, ["2023年13月", "市审计局"]],  # refused while reading
        [*NEW_YEAR, ["2023年5月", "市教育局"]],  # refused once the page exists
        [*NEW_YEAR, ["2024年5月", "市审计局"]],
    ],
)
def test_malformed_file_with_create_creates_no_page(column, annex_file, rows):
    pages = AnnualSchedulePage.objects.count()
    revisions = Revision.objects.count()

    with pytest.raises(CommandError) as error:
        run_import(2023, annex_file(rows), "--create", "--publish")

    assert "第6行" in str(error.value)
    assert "未作任何更改" in str(error.value)
    assert AnnualSchedulePage.objects.count() == pages
    assert not AnnualSchedulePage.objects.filter(year=2023).exists()
    assert Revision.objects.count() == revisions
    assert not Department.objects.exists()


def test_missing_page_without_create_names_the_option(column, annex_file):
    with pytest.raises(CommandError) as error:
        run_import(2023, annex_file(NEW_YEAR))

    assert "2023" in str(error.value)
    assert "--create" in str(error.value)
    assert not AnnualSchedulePage.objects.filter(year=2023).exists()


def test_create_with_an_existing_page_imports_into_it(year_page, annex_file):
    output = run_import(2022, annex_file(ANNEX[:2]), "--create")

    assert AnnualSchedulePage.objects.count() == 1
    page = year_page_of(2022)
    assert page.pk == year_page.pk
    assert (page.first_month, page.last_month) == (3, 12)  # the page's months, not the file's
    assert page.title == year_page.title
    assert draft_schedule(page) == EXPECTED[:2]
    assert "年度排期页面" not in output


def test_create_without_a_column_is_refused(home, annex_file):
    with pytest.raises(CommandError) as error:
        run_import(2023, annex_file(NEW_YEAR), "--create")

    assert "没有“民生在线”栏目" in str(error.value)
    assert not AnnualSchedulePage.objects.exists()


def test_create_with_several_columns_asks_for_one(home, annex_file):
    first = TalkIndexPageFactory(parent=home)
    second = TalkIndexPageFactory(parent=home)

    with pytest.raises(CommandError) as error:
        run_import(2023, annex_file(NEW_YEAR), "--create")

    assert f"{first.pk}, {second.pk}" in str(error.value)
    assert "--column-id" in str(error.value)
    assert not AnnualSchedulePage.objects.exists()

    run_import(2023, annex_file(NEW_YEAR), "--create", "--column-id", second.pk)

    assert year_page_of(2023).get_parent().pk == second.pk


def test_create_with_an_unknown_column_id_is_refused(column, annex_file):
    with pytest.raises(CommandError) as error:
        run_import(2023, annex_file(NEW_YEAR), "--create", "--column-id", column.pk + 100)

    assert f"没有ID为{column.pk + 100}的“民生在线”栏目" in str(error.value)
    assert not AnnualSchedulePage.objects.exists()


def test_create_finds_a_free_slug(column, annex_file):
    AnnualSchedulePageFactory(parent=column, year=2021, slug="2023")

    run_import(2023, annex_file(NEW_YEAR), "--create")

    assert year_page_of(2023).slug == "2023-1"


def test_create_refuses_a_year_the_page_cannot_have(column, annex_file):
    with pytest.raises(CommandError) as error:
        run_import(1999, annex_file([["4月", "市审计局"]]), "--create")

    assert "无法创建年度排期页面" in str(error.value)
    assert "未作任何更改" in str(error.value)
    assert not AnnualSchedulePage.objects.exists()
    assert not Department.objects.exists()


def test_the_commands_help_is_translated():
    help_text = ImportScheduleCommand().create_parser("manage.py", "import_schedule").format_help()

    assert "从 .xlsx 或 .csv 文件导入年度排期表" in help_text
    assert "默认语言下没有该年度页面时新建页面" in help_text
