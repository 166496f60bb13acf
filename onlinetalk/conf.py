"""The extension's settings. A host site overrides any of them with ONLINETALK_<NAME>."""

from django.conf import settings

DEFAULTS = {
    # Template that every public page of the extension extends: the host site's own base.
    "BASE_TEMPLATE": "onlinetalk/base.html",
    # Group names for the portal office; unit groups are named "<unit name><suffix>".
    "OFFICE_EDITORS_GROUP": "市政府办公室-编辑",
    "OFFICE_APPROVERS_GROUP": "市政府办公室-审核",
    "UNIT_EDITORS_SUFFIX": "-编辑",
    "UNIT_REVIEWERS_SUFFIX": "-审核",
}


def get_setting(name):
    return getattr(settings, f"ONLINETALK_{name}", DEFAULTS[name])
