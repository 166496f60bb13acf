"""Failures a citizen must be told about, not shown a bare 500: a form sent in a charset other
than UTF-8, a database that is down or never answers (onlinetalk.middleware and the reference
site's database settings), and the settings a deployment behind a TLS proxy reads."""

import datetime
import json
import os
import re
import socket
import subprocess
import sys
import threading
from html import escape
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler
from django.test import Client, RequestFactory, override_settings

from onlinetalk.questions.models import CitizenQuestion, QuestionStatus
from onlinetalk.questions.views import csrf_failure
from tests import question_support as support
from tests.factories import CitizenQuestionFactory

BASE_DIR = Path(__file__).resolve().parent.parent
FORM = "application/x-www-form-urlencoded"
TYPED = {
    "nickname": "热心市民",
    "text": "<b>17路</b>公交什么时候恢复原线路？",
    "contact": "13800138000",
    "consent_to_publish": "on",
}


@pytest.fixture
def column(home):
    return support.new_column(home)


@pytest.fixture
def session(column):
    return support.new_session(support.new_year_page(column), support.new_unit())


@pytest.fixture
def clock():
    with support.frozen_clock() as traveller:
        yield traveller


def csrf_token_of(client, url):
    """The CSRF token a page hands out (its cookie is then in the client)."""
    html = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def form_urls(session, column):
    public = CitizenQuestionFactory(
        session=session, status=QuestionStatus.ACCEPTED, consent_to_publish=True
    )
    return {
        "ask": support.ask_url(session),
        "vote": support.vote_url(session, public),
        "lookup": support.lookup_url(column),
        "admin login": "/admin/login/",
    }


# --- a form in another charset than UTF-8 -------------------------------------------------------


# Real charsets, a spelling of UTF-8 Django refuses, Python codecs that are no charset, nonsense.
CHARSETS = ["gbk", "GB18030", "utf-16", "utf8", "latin-1", "punycode", "rot13", "no-such-charset"]


@pytest.mark.parametrize("with_csrf_cookie", [True, False], ids=["csrf cookie", "no cookie"])
def test_no_charset_makes_a_form_answer_5xx(session, column, clock, with_csrf_cookie):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    token = csrf_token_of(client, support.ask_url(session)) if with_csrf_cookie else "x"
    if not with_csrf_cookie:
        client.cookies.clear()
    bodies = {
        "raw UTF-8": f"nickname=热心市民&text={support.TEXT}&csrfmiddlewaretoken={token}".encode(),
        "ASCII": f"nickname=abc&text=100%25&csrfmiddlewaretoken={token}".encode(),
    }
    answers = {}
    for name, url in form_urls(session, column).items():
        for charset in CHARSETS:
            for kind, body in bodies.items():
                response = client.generic(
                    "POST", url, body, content_type=f"{FORM}; charset={charset}"
                )
                answers[name, charset, kind] = response.status_code

    assert {key: status for key, status in answers.items() if status >= 500} == {}


def test_a_question_sent_in_gbk_is_read_as_gbk(session, clock):
    client = Client(enforce_csrf_checks=True)
    token = csrf_token_of(client, support.ask_url(session))
    issued = support.form_token(client, session)
    clock.shift(datetime.timedelta(seconds=30))
    # As a browser sends a form of a page in GBK: every non-ASCII byte percent-escaped.
    body = urlencode(
        {**TYPED, "website": "", "issued": issued, "csrfmiddlewaretoken": token}, encoding="gbk"
    )

    response = client.generic(
        "POST", support.ask_url(session), body, content_type=f"{FORM}; charset=gbk"
    )

    assert response.status_code == 302
    question = CitizenQuestion.objects.get()
    assert (question.nickname, question.text, question.contact) == (
        TYPED["nickname"],
        TYPED["text"],
        TYPED["contact"],
    )


def test_a_form_not_in_its_declared_charset_is_refused_in_both_languages(session, clock):
    client = Client(enforce_csrf_checks=True)
    token = csrf_token_of(client, support.ask_url(session))
    # 0xFF starts no character in GBK.
    body = f"nickname=%FF%FF&text=x&csrfmiddlewaretoken={token}"

    response = client.generic(
        "POST", support.ask_url(session), body, content_type=f"{FORM}; charset=gbk"
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "无法读取提交的表单" in html and "The form could not be read" in html
    assert 'lang="en"' in html
    assert "no-cache" in response["Cache-Control"]
    assert not CitizenQuestion.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_form_in_gbk_too_large_to_read_is_refused_in_both_languages(session, clock):
    client = Client(enforce_csrf_checks=True)
    token = csrf_token_of(client, support.ask_url(session))
    body = urlencode({**TYPED, "text": "长" * 1000, "csrfmiddlewaretoken": token}, encoding="gbk")

    response = client.generic(
        "POST", support.ask_url(session), body, content_type=f"{FORM}; charset=gbk"
    )

    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()
    assert "too large" in response.content.decode()


def test_the_csrf_failure_view_survives_a_body_django_cannot_read(session, clock):
    """A host site without the middleware: a refused question in GBK gets Django's 403 page,
    not an error inside the CSRF failure view."""
    request = RequestFactory().generic(
        "POST",
        support.ask_url(session),
        urlencode(TYPED, encoding="gbk"),
        content_type=f"{FORM}; charset=gbk",
    )

    response = csrf_failure(request, reason="CSRF cookie not set.")

    assert response.status_code == 403


# --- the database unreachable -------------------------------------------------------------------


def database_down():
    """Every new query fails as it does when the server cannot be reached."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection to server at 127.0.0.1 failed: refused"),
    )


def test_a_page_answers_503_in_both_languages_while_the_database_is_down(session, column, clock):
    client = Client(raise_request_exception=False)
    urls = ["/", "/en/", session.url, support.lookup_url(column)]

    with database_down():
        responses = [client.get(url) for url in urls]

    for response in responses:
        assert response.status_code == 503
        assert response["Retry-After"].isdigit()
        assert "no-store" in response["Cache-Control"]
        html = response.content.decode()
        assert "服务暂时不可用" in html
        assert '<h2 lang="en">Service temporarily unavailable</h2>' in html
        assert "Traceback" not in html and "OperationalError" not in html


def test_a_question_sent_while_the_database_is_down_comes_back_to_send_again(session, clock):
    client = Client(enforce_csrf_checks=True)
    url = support.ask_url(session)
    token = csrf_token_of(client, url)
    issued = support.form_token(client, session)
    clock.shift(datetime.timedelta(seconds=30))

    with database_down():
        response = client.post(
            url, {**TYPED, "website": "", "issued": issued, "csrfmiddlewaretoken": token}
        )

    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    html = response.content.decode()
    assert "留言尚未提交" in html and "Your question was not sent yet" in html
    assert f'<form method="post" action="{url}">' in html
    assert f'value="{escape(TYPED["nickname"])}"' in html
    assert f">{escape(TYPED['text'], quote=False)}</textarea>" in html
    assert "<b>" not in html
    assert f'value="{TYPED["contact"]}"' in html
    assert re.search(r'<input type="checkbox" name="consent_to_publish" checked>', html)
    assert not CitizenQuestion.objects.exists()

    # Once the database is back, the form as it came back sends the question.
    resent = {
        name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
        for name in ("csrfmiddlewaretoken", "issued")
    }
    assert resent["issued"] != issued
    clock.shift(datetime.timedelta(minutes=2))
    sent = client.post(url, {**TYPED, **resent})
    assert sent.status_code == 302
    assert CitizenQuestion.objects.get().text == TYPED["text"]


# --- the reference site's settings, read from the environment -----------------------------------


def settings_read_from(module, expression, **environment):
    """`expression` evaluated in the settings module as a fresh process imports it with
    `environment` (and none of this process's DATABASE_URL or ONLINETALK_* variables)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "ONLINETALK_", "DJANGO_"))
    }
    env.update(environment)
    code = f"import json, {module} as s; print(json.dumps(eval({expression!r}, vars(s))))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def silent_server():
    """A TCP server on 127.0.0.1 that accepts connections and never answers: a database host
    whose server process hangs."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stopped = threading.Event()
    accepted = []

    def accept_and_say_nothing():
        while not stopped.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept_and_say_nothing, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stopped.set()
    thread.join(timeout=5)
    listener.close()
    for connection in accepted:
        connection.close()


def test_a_database_that_accepts_and_never_answers_fails_the_connection(
    silent_server, django_db_blocker
):
    database = settings_read_from(
        "portal.settings.base",
        "DATABASES['default']",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent_server}/minsheng_hres_silent",
        DATABASE_CONNECT_TIMEOUT="1",  # libpq counts at least 2 s
    )
    assert "-c statement_timeout=15000" in database["OPTIONS"]["options"]
    outcome = []

    def connect():
        connection = ConnectionHandler({"default": database})["default"]
        try:
            connection.ensure_connection()
        except Exception as error:
            outcome.append(error)
        finally:
            connection.close()

    with django_db_blocker.unblock():
        attempt = threading.Thread(target=connect, daemon=True)
        attempt.start()
        attempt.join(timeout=20)  # a bound for a hang, not a measurement
    assert not attempt.is_alive(), "the connection is still waiting for the server"
    assert len(outcome) == 1 and isinstance(outcome[0], OperationalError)


def test_the_timeouts_come_from_the_environment():
    options = settings_read_from(
        "portal.settings.base",
        "DATABASES['default']['OPTIONS']",
        DATABASE_URL="postgres://postgres@db.example:5432/minsheng?sslmode=require",
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT_MS="2500",
    )
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c statement_timeout=2500"
    assert options["sslmode"] == "require"  # the URL's own options are kept

    sqlite = settings_read_from(
        "portal.settings.base",
        "DATABASES['default']['OPTIONS']",
        DATABASE_URL="sqlite:////tmp/minsheng.sqlite3",
        DATABASE_STATEMENT_TIMEOUT_MS="2500",
    )
    assert sqlite == {"transaction_mode": "IMMEDIATE", "timeout": 2.5}


def test_the_trusted_proxy_count_comes_from_the_environment():
    production = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "www.example.gov.cn"}
    behind_a_proxy = settings_read_from(
        "portal.settings.production",
        "[ONLINETALK_TRUSTED_PROXY_COUNT, SECURE_PROXY_SSL_HEADER]",
        ONLINETALK_TRUSTED_PROXY_COUNT="1",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        **production,
    )
    assert behind_a_proxy == [1, ["HTTP_X_FORWARDED_PROTO", "https"]]
    assert settings_read_from("portal.settings.dev", "ONLINETALK_TRUSTED_PROXY_COUNT") == 0


def test_the_documented_production_command_does_not_listen_publicly_behind_the_proxy():
    readme = " ".join((BASE_DIR / "README.md").read_text().replace("\\\n", " ").split())
    commands = re.findall(r"\S+=\S+ [^`]*?gunicorn portal\.wsgi [^`]*?--bind \S+", readme)

    assert commands
    for command in commands:
        assert "DJANGO_SECURE_PROXY_SSL_HEADER=1" in command
        assert "ONLINETALK_TRUSTED_PROXY_COUNT=1" in command
        assert command.split("--bind ")[1].startswith(("127.0.0.1:", "unix:")), command
