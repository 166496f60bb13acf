from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class HolidayArrangement(models.Model):
    """One day of a year's official holiday arrangement, entered by the office.

    Overrides the packaged calendar for that day. Entering any day of a year also tells the system
    that the office has published that year's arrangement, so deadlines in it are no longer marked
    "estimated" (days not entered follow Monday–Friday).
    """

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"),
        help_text=_(
            "Ticked: a working day (e.g. a weekend made a working day, 调休). "
            "Unticked: a day off (a public holiday)."
        ),
    )
    note = models.CharField(
        _("note"), max_length=100, blank=True, help_text=_("e.g. 春节, 国庆节调休上班.")
    )

    panels = [FieldPanel("date"), FieldPanel("is_working_day"), FieldPanel("note")]

    class Meta:
        verbose_name = _("holiday arrangement")
        verbose_name_plural = _("holiday arrangements")
        ordering = ["date"]

    def __str__(self):
        kind = _("working day") if self.is_working_day else _("day off")
        return f"{self.date:%Y-%m-%d} {kind} {self.note}".strip()
