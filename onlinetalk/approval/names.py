"""The names of the column's workflow and steps, readable in the reader's language."""

from types import SimpleNamespace

from django.utils.translation import gettext_lazy as _

from onlinetalk.conf import get_setting

DEFAULT_NAMES = {
    "WORKFLOW_NAME": _("Unit review → Office approval"),
    "UNIT_REVIEW_TASK_NAME": _("Unit review"),
    "OFFICE_APPROVAL_TASK_NAME": _("Office approval"),
}


def readable_name(name):
    """The name setup_portal gave (a Chinese default) as a lazy translation, so that an English
    reader reads the step in English; a name the Office changed stays as they wrote it."""
    for setting, label in DEFAULT_NAMES.items():
        if name == get_setting(setting):
            return label
    return name


def named(obj):
    """`obj` (a task or workflow) for a template, with its name readable in the mail's language."""
    return SimpleNamespace(
        **{field: getattr(obj, field, None) for field in ("id", "pk")},
        name=readable_name(obj.name),
        original=obj,
    )
