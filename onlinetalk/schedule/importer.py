"""Reads the annex from the spreadsheet the office already keeps (.xlsx or .csv) and applies it
to a year page. Everything is read and checked before anything is written: a malformed file names
the row and the reason and changes nothing."""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from onlinetalk.departments.models import Department

from .models import AnnualSchedulePage
from .months import month_label
from .rules import PlannedSlot, programme_span_error, slot_problems

MONTH_HEADERS = {"月份", "月", "month"}
UNIT_HEADERS = {
    "部门名称",
    "部门",
    "单位",
    "单位名称",
    "unit",
    "units",
    "department",
    "departments",
}
TOPIC_HEADERS = {"主题", "计划主题", "交流主题", "topic", "planned topic"}
UNIT_SEPARATORS = re.compile(r"[、,，;；/\n]+")
CHINESE_NUMERALS = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12,
}  # fmt: skip
ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
# A month with its year, as the office's sheets write it: 2022年3月, 2022年三月份, 2022年3月15日…
CHINESE_YEAR_AND_MONTH = re.compile(r"(\d{4})\s*年\s*(.+?月份?)\s*(?:(\d{1,2})\s*日)?")
# …and 2022-03, 2022/3, 2022.3, or a date written as text, 2022/3/15 (one separator throughout).
NUMERIC_YEAR_AND_MONTH = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})(?:\s*\2\s*(\d{1,2}))?")


class ScheduleImportError(Exception):
    """A file that cannot be imported; the message names the row and the reason."""


@dataclass
class ImportRow:
    line: int  # row number as the spreadsheet shows it (1-based, header included)
    month: int
    unit_names: list[str]
    topic: str = ""


@dataclass
class ImportResult:
    changes: list[str] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    published: bool = False

    @property
    def changed(self):
        return bool(self.changes or self.new_units)


def parse_month(value):
    """3, 3.0, "3", "03", "3月", "三月", "March", "Mar", or a date in March → 3."""
    if isinstance(value, datetime.date):
        return value.month
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
    else:
        text = str(value or "").strip().lower().removesuffix("份")
        text = text.removesuffix("月").strip()
        if text.isdigit():
            number = int(text)
        elif text in CHINESE_NUMERALS:
            number = CHINESE_NUMERALS[text]
        elif text.rstrip(".") in ENGLISH_MONTHS:
            number = ENGLISH_MONTHS[text.rstrip(".")]
        else:
            return None
    return number if 1 <= number <= 12 else None


def parse_year_and_month(value):
    """(year, month) of a month cell: the year is None when the cell does not write one, the month
    is None when the cell is not a month. "2022年3月", "2022-03", "2022/3/15" or a date cell →
    (2022, 3); "3月" → (None, 3). A number is only ever a month: 2022.10 stored as a number reads
    2022.1, so October and January could not be told apart."""
    if isinstance(value, datetime.date):
        return value.year, value.month
    if isinstance(value, int | float):
        return None, parse_month(value)
    text = str(value or "").strip()
    if match := CHINESE_YEAR_AND_MONTH.fullmatch(text):
        year, month, day = int(match[1]), parse_month(match[2]), match[3]
    elif match := NUMERIC_YEAR_AND_MONTH.fullmatch(text):
        year, month, day = int(match[1]), parse_month(match[3]), match[4]
    else:
        return None, parse_month(value)
    if month is not None and day is not None and not _is_a_day_of(year, month, int(day)):
        month = None
    return year, month


def _is_a_day_of(year, month, day):
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _read_table(path):
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [list(row) for row in csv.reader(handle)]
        except UnicodeDecodeError:
            # Spreadsheets saved by older office software in China are often GB18030.
            with path.open(encoding="gb18030", newline="") as handle:
                return [list(row) for row in csv.reader(handle)]
    if suffix == ".xlsx":
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:
            raise ScheduleImportError(
                _("%(file)s is not a readable .xlsx file (%(error)s).")
                % {"file": path.name, "error": error}
            ) from error
        try:
            return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    raise ScheduleImportError(
        _("%(file)s: only .xlsx and .csv files can be imported.") % {"file": path.name}
    )


def _cell(value):
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()  # a date cell reads as a datetime at midnight
    return "" if value is None else str(value).strip()


def _find_columns(table):
    """The header row may follow a title row; return its index and the column positions."""
    for index, row in enumerate(table):
        names = [_cell(value).lower() for value in row]
        if any(name in MONTH_HEADERS for name in names):
            month_col = next(i for i, name in enumerate(names) if name in MONTH_HEADERS)
            unit_col = next((i for i, name in enumerate(names) if name in UNIT_HEADERS), None)
            if unit_col is None:
                raise ScheduleImportError(
                    _("Row %(row)s: the header has no unit column (部门名称).") % {"row": index + 1}
                )
            topic_col = next((i for i, name in enumerate(names) if name in TOPIC_HEADERS), None)
            return index, month_col, unit_col, topic_col
    raise ScheduleImportError(
        _("No header row found: the file needs the columns 月份 and 部门名称 (Month, Unit).")
    )


def read_schedule_file(path, *, year):
    """The rows of the file, all checked on their own; a month that names a year other than
    `year` is refused, since a sheet of the wrong year would otherwise import without a word."""
    table = _read_table(path)
    header_index, month_col, unit_col, topic_col = _find_columns(table)
    rows = []
    for index, row in enumerate(table[header_index + 1 :], start=header_index + 2):
        cells = list(row) + [None] * (max(month_col, unit_col, topic_col or 0) + 1 - len(row))
        if not any(_cell(value) for value in cells):
            continue  # blank lines between blocks of a spreadsheet are harmless
        month = _read_month(index, cells[month_col], year)
        names = _read_unit_names(index, cells[unit_col])
        topic = _cell(cells[topic_col]) if topic_col is not None else ""
        if len(topic) > 200:
            raise ScheduleImportError(
                _("Row %(row)s: the planned topic is longer than 200 characters.") % {"row": index}
            )
        rows.append(ImportRow(index, month, names, topic))
    if not rows:
        raise ScheduleImportError(_("The file has a header but no schedule rows."))
    return rows


def _read_month(index, value, year):
    written_year, month = parse_year_and_month(value)
    if month is None:
        raise ScheduleImportError(
            _("Row %(row)s: “%(value)s” is not a month.") % {"row": index, "value": _cell(value)}
        )
    if written_year is not None and written_year != year:
        raise ScheduleImportError(
            _("Row %(row)s: “%(value)s” is not in %(year)s, the year being imported.")
            % {"row": index, "value": _cell(value), "year": year}
        )
    return month


def _read_unit_names(index, value):
    names = [name.strip() for name in UNIT_SEPARATORS.split(_cell(value))]
    names = [name for name in names if name]
    if not names:
        raise ScheduleImportError(_("Row %(row)s: no unit is named.") % {"row": index})
    too_long = next((name for name in names if len(name) > 100), None)
    if too_long:
        raise ScheduleImportError(
            _("Row %(row)s: the unit name “%(name)s…” is longer than 100 characters.")
            % {"row": index, "name": too_long[:20]}
        )
    return names


@dataclass(frozen=True)
class UnitRef:
    """A unit as the rules see it during an import: an existing unit by its id, a new one by its
    name. A unit named once by its name and once by its short name is the same unit."""

    key: tuple
    name: str

    def __str__(self):
        return self.name


def resolve_units(names, locale):
    """Each name → the existing unit it names (by name or short name), or None for a new unit."""
    existing = list(Department.objects.filter(locale=locale))
    by_name = {unit.name: unit for unit in existing}
    by_short = {unit.short_name: unit for unit in existing if unit.short_name}
    return {name: by_name.get(name) or by_short.get(name) for name in names}


def _ref(name, unit):
    return UnitRef(("unit", unit.pk), unit.name) if unit else UnitRef(("new", name), name)


def _row_error(row, message):
    return ScheduleImportError(_("Row %(row)s: %(reason)s") % {"row": row.line, "reason": message})


def check_rows(page, rows, units):
    """The file on its own obeys the notice's rules (months inside the programme, a unit at most
    once a month), with units already resolved so that a short name counts as its unit."""
    span_error = programme_span_error(page.first_month, page.last_month)
    if span_error:
        raise ScheduleImportError(span_error)
    planned = [
        PlannedSlot(row.month, [_ref(name, units[name]) for name in row.unit_names]) for row in rows
    ]
    problems = slot_problems(page.first_month, page.last_month, planned)
    if problems:
        raise _row_error(rows[problems[0].index], problems[0].message)


@dataclass
class _PlannedChange:
    row: ImportRow
    slot: object  # an existing slot of the draft, or None for a new one
    refs: list


def _plan(existing_slots, rows, units):
    """Match each row with a slot of its month: first a slot that already has exactly its units,
    then the month's remaining slots in order; a row left over becomes a new slot."""
    by_month = {}
    for slot in sorted(existing_slots, key=lambda s: s.sort_order or 0):
        by_month.setdefault(slot.month, []).append(slot)
    slot_refs = {
        id(slot): {_ref(unit.name, unit) for unit in slot.departments.all()}
        for slot in existing_slots
    }
    plan = []
    for row in rows:
        refs = [_ref(name, units[name]) for name in row.unit_names]
        candidates = by_month.get(row.month, [])
        same = next((s for s in candidates if slot_refs[id(s)] == set(refs)), None)
        slot = same or (candidates[0] if candidates else None)
        if slot is not None:
            candidates.remove(slot)
        plan.append(_PlannedChange(row, slot, refs))
    return plan, slot_refs


def _check_result(page, rows, existing_slots, plan, slot_refs):
    """The schedule the import leaves — kept slots and imported rows together — obeys the rules."""
    planned_by_slot = {id(change.slot): change for change in plan if change.slot is not None}
    final, row_of = [], []
    for slot in existing_slots:
        change = planned_by_slot.get(id(slot))
        final.append(
            PlannedSlot(slot.month, change.refs if change else sorted(slot_refs[id(slot)], key=str))
        )
        row_of.append(change.row if change else None)
    for change in plan:
        if change.slot is None:
            final.append(PlannedSlot(change.row.month, change.refs))
            row_of.append(change.row)
    problems = slot_problems(page.first_month, page.last_month, final)
    if not problems:
        return
    # Name the file's row; a clash with a kept slot is reported on the row that causes it.
    for problem in problems:
        row = row_of[problem.index]
        if row is None:
            row = next(
                (r for r in row_of if r is not None and r.month == final[problem.index].month),
                None,
            )
        if row is not None:
            raise _row_error(row, problem.message)
    raise ScheduleImportError(problems[0].message)


def create_year_page(column, year, rows, *, issuing_office):
    """A draft page for a year the office has no page for yet, under the column, spanning the
    months of the rows. The title and the notice are content: they are written in the column's
    language, whatever language the command runs in. The notice is one sentence that is true as
    it stands (who runs which year's programme, over which months), never a placeholder: the page
    may be published at once, and the office adds the notice's full text when it has it."""
    months = [row.month for row in rows]
    first_month, last_month = min(months), max(months)
    with translation.override(column.locale.language_code):
        title = _("%(year)s Minsheng Online interactive exchange on the city government portal")
        notice = _(
            "%(office)s organises the %(year)s Minsheng Online interactive exchange on the city "
            "government portal; the schedule annex covers %(first)s to %(last)s."
        )
        values = {
            "year": year,
            "office": issuing_office,
            "first": month_label(first_month),
            "last": month_label(last_month),
        }
        title, notice = title % values, notice % values
    page = AnnualSchedulePage(
        title=title,
        slug=find_available_slug(column, str(year)),
        year=year,
        issuing_office=issuing_office,
        notice=format_html("<p>{}</p>", notice),
        first_month=first_month,
        last_month=last_month,
        live=False,
    )
    try:
        column.add_child(instance=page)
        page.full_clean()  # a draft is saved with its title and slug checked only
    except ValidationError as error:
        raise ScheduleImportError(
            _("The year page cannot be created: %(reason)s") % {"reason": " ".join(error.messages)}
        ) from error
    log(instance=page, action="wagtail.create")
    return page


@transaction.atomic
def apply_schedule(page, rows, *, publish=False, user=None):
    """Create or update the page's slots from the rows, as a new revision of the page.

    Rows of a month are matched with the page's existing slots of that month (see `_plan`); slots
    the file does not mention are kept. Everything is checked before anything is written. The
    revision goes live only with publish=True, so an import otherwise goes through approval like
    any other edit.
    """
    names = list(dict.fromkeys(name for row in rows for name in row.unit_names))
    units = resolve_units(names, page.locale)
    check_rows(page, rows, units)
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    # One list of slot objects: a revision's related objects are rebuilt on every .all().
    slots = list(draft.schedule_slots.all())
    plan, slot_refs = _plan(slots, rows, units)
    _check_result(page, rows, slots, plan, slot_refs)

    result = ImportResult()
    for name in names:
        if units[name] is None:
            units[name] = Department.objects.create(name=name, locale=page.locale)
            result.new_units.append(name)

    for change in plan:
        row, slot = change.row, change.slot
        wanted_units = [units[name] for name in row.unit_names]
        label = f"{month_label(row.month)} {'、'.join(row.unit_names)}"
        if slot is not None:
            unchanged = slot_refs[id(slot)] == set(change.refs)
            if unchanged and (not row.topic or row.topic == slot.planned_topic):
                continue
            slot.departments.set(wanted_units)
            if row.topic:
                slot.planned_topic = row.topic
            result.changes.append(_("updated: %(slot)s") % {"slot": label})
        else:
            slot = draft.schedule_slots.model(month=row.month, planned_topic=row.topic)
            slot.departments.set(wanted_units)
            slots.append(slot)
            result.changes.append(_("created: %(slot)s") % {"slot": label})

    if not result.changed:
        return result
    slots.sort(
        key=lambda slot: (slot.month, slot.sort_order if slot.sort_order is not None else 99)
    )
    for order, slot in enumerate(slots):
        slot.sort_order = order
    draft.schedule_slots.set(slots)
    revision = draft.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        result.published = True
    return result
