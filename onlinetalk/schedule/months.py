"""Month names as the annex writes them: 3月 in Chinese, March in English."""

from django.utils.translation import pgettext_lazy

MONTH_LABELS = {
    1: pgettext_lazy("schedule month", "January"),
    2: pgettext_lazy("schedule month", "February"),
    3: pgettext_lazy("schedule month", "March"),
    4: pgettext_lazy("schedule month", "April"),
    5: pgettext_lazy("schedule month", "May"),
    6: pgettext_lazy("schedule month", "June"),
    7: pgettext_lazy("schedule month", "July"),
    8: pgettext_lazy("schedule month", "August"),
    9: pgettext_lazy("schedule month", "September"),
    10: pgettext_lazy("schedule month", "October"),
    11: pgettext_lazy("schedule month", "November"),
    12: pgettext_lazy("schedule month", "December"),
}

MONTH_CHOICES = list(MONTH_LABELS.items())


def month_label(month):
    return MONTH_LABELS[month]
