"""Both catalogues (the extension's and the site's) hold every string the code marks, in both
languages: a string added to the code but not to the catalogues would show untranslated."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE_FOLDERS = ["home", "portal", "search", "templates", "locale"]


def _msgids(po_path):
    return {
        (entry.msgctxt, entry.msgid) for entry in polib.pofile(str(po_path)) if not entry.obsolete
    }


def _extract(tree):
    """Run makemessages in a copy, so that the checkout is never rewritten by the test."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tree,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return _msgids(tree / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")


@pytest.fixture
def xgettext():
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed: cannot extract the strings")


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_the_extensions_catalogue_has_every_marked_string(tmp_path, xgettext, language):
    tree = tmp_path / "onlinetalk"
    shutil.copytree(ROOT / "onlinetalk", tree, ignore=shutil.ignore_patterns("__pycache__"))

    in_code = _extract(tree)
    committed = _msgids(ROOT / "onlinetalk" / "locale" / language / "LC_MESSAGES" / "django.po")

    assert in_code - committed == set(), "run makemessages in onlinetalk/ and translate"
    assert committed - in_code == set(), "strings no longer in the code: run makemessages"


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_the_sites_catalogue_has_every_marked_string(tmp_path, xgettext, language):
    for folder in SITE_FOLDERS:
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )

    in_code = _extract(tmp_path)
    committed = _msgids(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")

    assert in_code - committed == set(), "run makemessages at the root and translate"
    assert committed - in_code == set(), "strings no longer in the code: run makemessages"
