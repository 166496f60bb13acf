"""The statistics view (Reports menu) and the inspection workbook's download.

The Office sees every unit; a unit's editors and reviewers their own units only (a `?unit=`
naming any other unit shows no rows); anyone else is refused with Wagtail's PermissionDenied
(a redirect to the dashboard). The inspection workbook covers the whole city: the Office only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from onlinetalk.access.scope import is_office_user

from .chart import bar_chart
from .definitions import COLUMNS, DEFINITIONS
from .figures import FIRST_YEAR, LAST_YEAR, known_years, parse_year, year_figures
from .permissions import may_export_inspection, may_see_statistics, units_in_scope
from .workbook import XLSX_MEDIA_TYPE, inspection_workbook, statistics_workbook


def _attachment(content, filename):
    response = HttpResponse(content, content_type=XLSX_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class StatisticsView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Statistics")
    header_icon = "table"
    template_name = "onlinetalk/inspection/statistics.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_statistics(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def now(self):
        return timezone.now()

    @cached_property
    def years(self):
        return known_years()

    @cached_property
    def year(self):
        return parse_year(self.request.GET.get("year"), self.years, timezone.localdate(self.now))

    @cached_property
    def units(self):
        return list(units_in_scope(self.request.user))

    @cached_property
    def unit_text(self):
        return self.request.GET.get("unit", "")

    @cached_property
    def chosen_units(self):
        """The units the rows are for: all of the user's, or the one `?unit=` names — none if
        it names no unit of theirs."""
        if not self.unit_text:
            return self.units
        return [unit for unit in self.units if str(unit.pk) == self.unit_text]

    def figures(self):
        keep_idle = not is_office_user(self.request.user) or bool(self.unit_text)
        return year_figures(self.chosen_units, self.year, self.now, keep_idle=keep_idle)

    def get(self, request, *args, **kwargs):
        rows, total = self.figures()
        if request.GET.get("export") == "xlsx":
            every_unit = is_office_user(request.user) and not self.unit_text
            label = (
                _("All units")
                if every_unit
                else "、".join(unit.name for unit in self.chosen_units) or _("None")
            )
            content = statistics_workbook(
                rows, total, year=self.year, unit_label=label, user=request.user, now=self.now
            )
            return _attachment(content, f"minsheng-online-statistics-{self.year}.xlsx")
        return self.render_to_response(self.get_context_data(rows=rows, total=total))

    def get_context_data(self, rows, total, **kwargs):
        context = super().get_context_data(**kwargs)
        no_unit = bool(self.unit_text) and not self.chosen_units
        export = {"year": self.year, "export": "xlsx"}
        if self.unit_text:
            export["unit"] = self.unit_text  # the export shows what the page shows
        context.update(
            {
                "year": self.year,
                "years": self.years or [self.year],
                "units": self.units,
                "unit_text": self.unit_text,
                "no_unit": no_unit,
                "rows": [] if no_unit else rows,
                "total": None if no_unit else total,
                "columns": COLUMNS,
                "table": _table(rows, total),
                "definitions": DEFINITIONS,
                "plan_chart": _plan_chart(rows),
                "reply_chart": _reply_chart(rows),
                "export_url": "?" + urlencode(export),
                "inspection_url": reverse("onlinetalk_inspection_workbook", args=[self.year])
                if may_export_inspection(self.request.user)
                else None,
            }
        )
        return context


def _table(rows, total):
    """[(name, [values], is_total)] for the template."""
    table = [(row.name, [getattr(row, key) for key, _h in COLUMNS], False) for row in rows]
    if rows:
        table.append((_("Total"), [getattr(total, key) for key, _h in COLUMNS], True))
    return table


def _plan_chart(rows):
    return bar_chart(
        [(row.name, {"planned": row.planned, "held": row.held}) for row in rows],
        [
            ("planned", _("Sessions planned"), "planned"),
            ("held", _("Sessions held"), "held"),
        ],
    )


def _reply_chart(rows):
    return bar_chart(
        [(row.name, {"on_time": row.replies_on_time, "late": row.replies_late}) for row in rows],
        [
            ("on_time", _("Replies on time"), "on-time"),
            ("late", _("Replies late"), "late"),
        ],
    )


def inspection_workbook_view(request, year):
    if not may_export_inspection(request.user):
        raise PermissionDenied
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    content = inspection_workbook(year, user=request.user)
    return _attachment(content, f"minsheng-online-inspection-{year}.xlsx")
