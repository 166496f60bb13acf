"""A question refused by Django's CSRF check (cookies blocked or reset) comes back with everything
the citizen typed and a fresh token; other CSRF failures get Django's own page."""

import datetime
import re

import pytest
import time_machine
from django.test import Client

from onlinetalk.questions.models import CitizenQuestion
from tests import question_support as support
from tests.question_support import NOW


@pytest.fixture
def ask_url(year_page, unit):
    return support.ask_url(support.new_session(year_page, unit))


def test_a_question_refused_by_the_csrf_check_keeps_its_text(ask_url):
    client = Client(enforce_csrf_checks=True)
    typed = {
        "nickname": "热心市民",
        "text": "<b>17路</b>公交什么时候恢复原线路？",
        "contact": "13800138000",
        "consent_to_publish": "on",
    }
    with time_machine.travel(NOW, tick=False):
        # The form was opened, then the cookies were cleared: no CSRF cookie, no token.
        refused = client.post(ask_url, {**typed, "issued": "x", "website": ""})

    assert refused.status_code == 403
    html = refused.content.decode()
    assert "安全校验未通过" in html
    assert "&lt;b&gt;17路&lt;/b&gt;公交什么时候恢复原线路？</textarea>" in html
    assert 'value="热心市民"' in html and 'value="13800138000"' in html
    assert "checked" in re.search(r'<input[^>]*name="consent_to_publish"[^>]*>', html).group(0)
    assert "csrftoken" in refused.cookies  # a fresh cookie, so sending again works
    assert not CitizenQuestion.objects.exists()

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    issued = re.search(r'name="issued" value="([^"]+)"', html).group(1)
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        sent = client.post(
            ask_url, {**typed, "issued": issued, "website": "", "csrfmiddlewaretoken": token}
        )
    assert sent.status_code == 302
    assert CitizenQuestion.objects.get().text == typed["text"]


def test_other_csrf_failures_get_djangos_page(ask_url, django_user_model):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
