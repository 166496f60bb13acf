import importlib
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization


@pytest.mark.parametrize(
    "module", ["portal.settings.base", "portal.settings.dev", "portal.settings.test"]
)
def test_settings_modules_load(module):
    settings_module = importlib.import_module(module)
    assert settings_module.TIME_ZONE == "Asia/Shanghai"
    assert settings_module.LANGUAGE_CODE == "zh-hans"


def _run_production_check(extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        # A deployment has none of these; a test run may (the browser test sets the last).
        if key not in {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run_production_check({"DJANGO_ALLOWED_HOSTS": "www.example.gov.cn"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run_production_check({"DJANGO_SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_check_deploy_is_clean(tmp_path):
    result = _run_production_check(
        {
            "DJANGO_SECRET_KEY": "k8$Zq1!vN3#pL7@wR5^tY9&uI2*oP4(aS6)dF0_gH8+jK1-lM3=nB5",
            "DJANGO_ALLOWED_HOSTS": "www.example.gov.cn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_a_shared_cache_is_warned_about_the_live_poll(tmp_path):
    result = _run_production_check(
        {
            "DJANGO_SECRET_KEY": "k8$Zq1!vN3#pL7@wR5^tY9&uI2*oP4(aS6)dF0_gH8+jK1-lM3=nB5",
            "DJANGO_ALLOWED_HOSTS": "www.example.gov.cn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
            "REDIS_URL": "",
        }
    )
    assert result.returncode != 0
    assert "onlinetalk.W002" in result.stdout + result.stderr


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_migrations_create_both_locales_with_english_synced_from_chinese():
    chinese = Locale.objects.get(language_code="zh-hans")
    english = Locale.objects.get(language_code="en")
    assert Locale.get_default() == chinese
    assert LocaleSynchronization.objects.get(locale=english).sync_from == chinese
