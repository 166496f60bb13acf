"""The leader briefing: a session's accepted questions by category, most wanted first."""

from dataclasses import dataclass, field
from io import BytesIO

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from .models import ACCEPTED_STATUSES
from .public import questions_of


@dataclass
class BriefingGroup:
    category: str
    questions: list = field(default_factory=list)


def briefing_groups(session):
    """Accepted questions of the session grouped by category (in the categories' order, the
    uncategorised last), each group ordered by upvotes."""
    questions = (
        questions_of(session)
        .filter(status__in=ACCEPTED_STATUSES)
        .select_related("category")
        .annotate(also_asked=Count("merged_questions"))
        .order_by("-upvotes", "submitted_at", "pk")
    )
    groups = {}
    for question in questions:
        category = question.category
        key = (category.sort_order, category.name) if category else (10**6, "")
        groups.setdefault(key, BriefingGroup(category.name if category else _("Uncategorised")))
        groups[key].questions.append(question)
    return [groups[key] for key in sorted(groups)]


def _plain(value):
    """A cell value that a spreadsheet shows as text, never evaluates as a formula, without
    the control characters a worksheet cannot hold (openpyxl refuses the whole workbook)."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value or ""))


def briefing_workbook(session, groups, *, with_contact):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Questions")[:31]
    sheet.append([_plain(session.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            _plain(
                _("Start: %(start)s · exported %(now)s")
                % {
                    "start": timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M"),
                    "now": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                }
            )
        ]
    )
    header = [
        _("No."),
        _("Category"),
        _("Question"),
        _("Nickname"),
        _("“I want to ask this too”"),
        _("Merged questions"),
        _("Receipt code"),
        _("Submitted"),
    ]
    if with_contact:
        header.append(_("Contact"))
    sheet.append([_plain(title) for title in header])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    number = 0
    for group in groups:
        for question in group.questions:
            number += 1
            row = [
                number,
                _plain(group.category),
                _plain(question.text),
                _plain(question.nickname),
                question.upvotes,
                question.also_asked,
                _plain(question.formatted_receipt_code),
                _plain(timezone.localtime(question.submitted_at).strftime("%Y-%m-%d %H:%M")),
            ]
            if with_contact:
                row.append(_plain(question.contact))
            sheet.append(row)
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text a citizen wrote is never a formula (=, +, -, @)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHI", (6, 14, 60, 14, 10, 10, 14, 18, 24), strict=False):
        sheet.column_dimensions[column].width = width
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
