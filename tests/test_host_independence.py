"""The extension installs on a Wagtail site that is not ours: stock image and document models,
none of the reference site's apps, the host's own base template (tests/host_site/)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_stock_wagtail_site_migrates_the_extension_and_renders_a_session(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.host_site.settings",
        "HOST_SITE_DB": str(tmp_path / "host.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "host_site" / "render_session.py")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    status, _newline, page = result.stdout.partition("\n")
    assert status == "200", page[-2000:]
    assert 'class="another-city"' in page  # the host's base template
    assert "办好人民满意的教育" in page
    assert "王老师" in page  # the guest block resolves its leader on a stock site


def test_the_extensions_migrations_name_no_model_of_the_reference_site():
    for migration in (ROOT / "onlinetalk" / "migrations").glob("0*.py"):
        text = migration.read_text()
        for name in ("'images'", '"images"', "images.portalimage", "portal.", "'home'"):
            assert name not in text, f"{migration.name} names {name}"
