"""The notice's rules for an annual schedule, in one place for the editor, the importer and the
page: every slot lies inside the programme, a unit appears at most once a month, and every month
of the programme has at least one session (a warning, not an error: a plan may be incomplete)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .months import month_label


@dataclass(frozen=True)
class SlotProblem:
    index: int  # position of the slot in the list that was checked
    field: str  # "month" or "departments"
    message: str


@dataclass(frozen=True)
class PlannedSlot:
    month: int | None
    departments: Sequence  # unit objects; str() gives the name shown in messages


def programme_months(first_month, last_month):
    return list(range(first_month, last_month + 1))


def programme_span_error(first_month, last_month):
    if first_month and last_month and first_month > last_month:
        return _("The last month of the programme cannot come before the first month.")
    return None


def slot_problems(first_month, last_month, slots: Sequence[PlannedSlot]) -> list[SlotProblem]:
    problems = []
    months = set(programme_months(first_month, last_month))
    seen = {}  # (month, unit) -> index of the first slot naming it
    for index, slot in enumerate(slots):
        if slot.month is None:
            continue
        if slot.month not in months:
            problems.append(
                SlotProblem(
                    index,
                    "month",
                    _("%(month)s is outside the programme (%(first)s to %(last)s).")
                    % {
                        "month": month_label(slot.month),
                        "first": month_label(first_month),
                        "last": month_label(last_month),
                    },
                )
            )
        for unit in slot.departments:
            key = (slot.month, unit)
            if key in seen:
                problems.append(
                    SlotProblem(
                        index,
                        "departments",
                        _("%(unit)s is already scheduled in %(month)s.")
                        % {"unit": unit, "month": month_label(slot.month)},
                    )
                )
            else:
                seen[key] = index
    return problems


def uncovered_months(first_month, last_month, scheduled_months: Iterable[int]) -> list[int]:
    """Programme months with no session: the notice asks for at least one every month."""
    scheduled = set(scheduled_months)
    return [m for m in programme_months(first_month, last_month) if m not in scheduled]
