"""The two workbooks: the statistics as shown (one sheet of figures, one of definitions), and
the inspection workbook of a year that an inspector can read alone (a sheet per topic, with an
"About" sheet first). Written in the active language. Every text cell is stored as text, so
nothing in it is ever run as a formula (=, +, -, @), as Wagtail's own exports do."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department
from onlinetalk.request_memo import default_locale
from onlinetalk.responses.models import Commitment, CommitmentStatus, HotResponsePage
from onlinetalk.responses.timeliness import Timeliness
from onlinetalk.schedule.models import ScheduleSlot

from .definitions import COLUMNS, DEFINITIONS
from .figures import NOT_HELD, reply_state, session_facts, sessions_of_year

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(value):
    """The value as text, without the control characters a worksheet cannot hold (a title
    pasted from a word processor may carry them; openpyxl refuses the whole workbook)."""
    return "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))


def append_row(sheet, values, *, bold=False):
    """Append a row; strings stay text (never a formula), numbers stay numbers."""
    sheet.append([value if isinstance(value, int | float) else _text(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)


def _sheet(workbook, title, headings, widths=()):
    sheet = workbook.create_sheet(title=str(title)[:31])
    append_row(sheet, [str(heading) for heading in headings], bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    return sheet


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _day(value):
    return value.isoformat() if value else ""


def _yes_no(value):
    return _("Yes") if value else _("No")


def _who(user):
    return user.get_full_name() or user.get_username()


def _about_sheet(workbook, title, facts, contents):
    sheet = workbook.active
    sheet.title = _("About")[:31]
    append_row(sheet, [title], bold=True)
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in facts:
        append_row(sheet, [label, value])
    append_row(sheet, [])
    append_row(sheet, [_("Sheet"), _("What it holds")], bold=True)
    for name, description in contents:
        append_row(sheet, [name, description])
    append_row(sheet, [])
    append_row(sheet, [_("Term"), _("Definition")], bold=True)
    for term, definition in DEFINITIONS:
        append_row(sheet, [term, definition])
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 90
    return sheet


def _save(workbook):
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- the statistics as shown --------------------------------------------------------------------


def statistics_workbook(rows, total, *, year, unit_label, user, now):
    workbook = Workbook()
    _about_sheet(
        workbook,
        _("Minsheng Online statistics, %(year)s") % {"year": year},
        [
            (_("Year"), year),
            (_("Units"), unit_label),
            (_("Exported"), _moment(now)),
            (_("Exported by"), _who(user)),
        ],
        [(_("Figures"), _("The figures per unit and the total, as the admin shows them."))],
    )
    sheet = _sheet(
        workbook,
        _("Figures"),
        [_("Unit"), *(heading for _key, heading in COLUMNS)],
        [28] + [12] * len(COLUMNS),
    )
    for figures in [*rows, total]:
        name = figures.name if figures.unit is not None else _("Total")
        append_row(sheet, [name, *(getattr(figures, key) for key, _heading in COLUMNS)])
    return _save(workbook)


# --- the inspection workbook of a year ------------------------------------------------------------


class InspectionYear:
    """The facts of a year the inspection sheets are written from (a fixed number of queries)."""

    def __init__(self, year, now):
        self.year, self.now = year, now
        units = list(Department.objects.filter(locale=default_locale()).order_by("name"))
        self.unit_names = {unit.translation_key: unit.name for unit in units}
        self.sessions = session_facts(sessions_of_year(year), list(self.unit_names))
        self.by_pk = {session.pk: session for session in self.sessions}
        self.held = [session for session in self.sessions if session.is_held(now)]
        self.timeliness = Timeliness(self.held, now)

    def units_text(self, keys):
        return "、".join(sorted(self.unit_names[key] for key in keys if key in self.unit_names))

    def state(self, session):
        if session.schedule_change in NOT_HELD:
            return session.schedule_change
        return "held" if session.is_held(self.now) else "not_yet"

    def slots(self):
        return (
            ScheduleSlot.objects.filter(page__year=self.year, page__locale=default_locale())
            .select_related("session")
            .prefetch_related("departments")
            .order_by("month", "sort_order", "pk")
        )

    def explanations(self):
        """{session id: the public explanation of a late response} (live pages first)."""
        rows = HotResponsePage.objects.filter(
            session_id__in=list(self.by_pk), locale=default_locale()
        ).values_list("session_id", "late_explanation", "live")
        found = {}
        for session_id, text, _live in sorted(rows, key=lambda row: row[2]):
            if (text or "").strip():
                found[session_id] = text
        return found

    def commitments(self):
        return (
            Commitment.objects.filter(session_id__in=list(self.by_pk))
            .select_related("department", "session")
            .order_by("session__start", "made_at", "pk")
        )


def _state_labels():
    return {
        "held": _("Held"),
        "cancelled": _("Cancelled"),
        "postponed": _("Postponed"),
        "not_yet": _("Not held yet"),
        "none": _("No session page yet"),
    }


def _plan_sheet(workbook, facts):
    labels = _state_labels()
    sheet = _sheet(
        workbook,
        _("Plan vs held"),
        [
            _("Month"),
            _("Units"),
            _("Planned topic"),
            _("Session"),
            _("Session date"),
            _("State"),
            _("In the plan"),
        ],
        (8, 30, 30, 36, 14, 14, 10),
    )
    linked = set()
    for slot in facts.slots():
        session = facts.by_pk.get(slot.session_id)
        if session is not None:
            linked.add(session.pk)
        units = "、".join(sorted(unit.name for unit in slot.departments.all()))
        append_row(
            sheet,
            [
                slot.month,
                units,
                slot.planned_topic,
                session.title if session else "",
                _day(session.day) if session else "",
                labels[facts.state(session)] if session else labels["none"],
                _yes_no(True),
            ],
        )
    for session in facts.sessions:
        if session.pk in linked:
            continue
        append_row(
            sheet,
            [
                session.day.month,
                facts.units_text(session.unit_keys),
                "",
                session.title,
                _day(session.day),
                labels[facts.state(session)],
                _yes_no(False),
            ],
        )


def _lead_time_sheet(workbook, facts):
    minimum = get_setting("ANNOUNCEMENT_DAYS_BEFORE")
    labels = _state_labels()
    sheet = _sheet(
        workbook,
        _("Announcement lead time"),
        [
            _("Session"),
            _("Units"),
            _("Start"),
            _("State"),
            _("Announcement went public"),
            _("Lead time (days)"),
            _("At least %(days)s days before") % {"days": minimum},
        ],
        (36, 30, 18, 14, 20, 12, 14),
    )
    for session in facts.sessions:
        lead = session.lead_days
        append_row(
            sheet,
            [
                session.title,
                facts.units_text(session.unit_keys),
                _moment(session.start),
                labels[facts.state(session)],
                _moment(session.announced_at) if session.announced_at else _("Not announced"),
                lead if lead is not None else "",
                _yes_no(lead is not None and lead >= minimum),
            ],
        )


def _reply_state_labels():
    return {"on_time": _("On time"), "late": _("Late"), "awaiting": _("Not yet due")}


def _reply_time_sheet(workbook, facts):
    labels = _reply_state_labels()
    sheet = _sheet(
        workbook,
        _("Reply time"),
        [
            _("Session"),
            _("Units"),
            _("Session date"),
            _("Replies due"),
            _("Replies published on"),
            _("Reply time (working days)"),
            _("Replies"),
            _("Working days late"),
            _("Calendar estimated"),
        ],
        (36, 30, 14, 14, 16, 14, 12, 12, 12),
    )
    for session in facts.held:
        timing = facts.timeliness.of(session)
        taken, guessed = "", False
        if timing.published is not None:
            taken, guessed = facts.timeliness.between(session.day, timing.published)
        append_row(
            sheet,
            [
                session.title,
                facts.units_text(session.unit_keys),
                _day(session.day),
                _day(timing.due),
                _day(timing.published) or _("Not yet"),
                taken if timing.published is not None else _("Not yet"),
                labels[reply_state(facts.timeliness, session)],
                timing.working_days_late,
                _yes_no(timing.estimated or guessed),
            ],
        )


def _late_sheet(workbook, facts):
    explanations = facts.explanations()
    sheet = _sheet(
        workbook,
        _("Late responses"),
        [
            _("Session"),
            _("Units"),
            _("Replies due"),
            _("Replies published on"),
            _("Working days late"),
            _("Explanation of the delay"),
        ],
        (36, 30, 14, 16, 12, 60),
    )
    for session in facts.held:
        timing = facts.timeliness.of(session)
        if not timing.late:
            continue
        append_row(
            sheet,
            [
                session.title,
                facts.units_text(session.unit_keys),
                _day(timing.due),
                _day(timing.published) or _("Not yet"),
                timing.working_days_late,
                explanations.get(session.pk, _("No explanation given")),
            ],
        )


def _commitments_sheet(workbook, facts):
    statuses = dict(CommitmentStatus.choices)
    sheet = _sheet(
        workbook,
        _("Commitments"),
        [
            _("Session"),
            _("Unit"),
            _("Commitment"),
            _("Owner"),
            _("Expected completion"),
            _("Status"),
            _("Progress (%)"),
            _("Closed at"),
            _("Public reason for dropping"),
        ],
        (30, 24, 50, 16, 14, 12, 10, 18, 40),
    )
    for commitment in facts.commitments():
        append_row(
            sheet,
            [
                commitment.session.title,
                commitment.department.name,
                commitment.text,
                commitment.owner,
                _day(commitment.expected_on),
                str(statuses.get(commitment.status, commitment.status)),
                commitment.progress,
                _moment(commitment.closed_at),
                commitment.dropped_reason,
            ],
        )


def inspection_workbook(year, *, user, now=None):
    """The year's inspection workbook, as bytes."""
    now = now or timezone.now()
    facts = InspectionYear(year, now)
    _about_sheet(
        workbook := Workbook(),
        _("Minsheng Online: inspection evidence of %(year)s") % {"year": year},
        [
            (_("Year"), year),
            (_("Units"), _("All units")),
            (_("Exported"), _moment(now)),
            (_("Exported by"), _who(user)),
        ],
        [
            (
                _("Plan vs held"),
                _(
                    "Each row of the year's plan and what became of it; sessions "
                    "held outside the plan at the end."
                ),
            ),
            (
                _("Announcement lead time"),
                _(
                    "Each session's announcement: when it went public "
                    "and how many days before the session."
                ),
            ),
            (
                _("Reply time"),
                _(
                    "Each session held: working days from the session day to the "
                    "replies' publication, against the deadline; a calendar "
                    "guessed as Monday to Friday is flagged."
                ),
            ),
            (
                _("Late responses"),
                _("Replies published late or overdue, with the public explanation of the delay."),
            ),
            (_("Commitments"), _("Commitments made in the year's sessions and their state.")),
        ],
    )
    _plan_sheet(workbook, facts)
    _lead_time_sheet(workbook, facts)
    _reply_time_sheet(workbook, facts)
    _late_sheet(workbook, facts)
    _commitments_sheet(workbook, facts)
    return _save(workbook)
