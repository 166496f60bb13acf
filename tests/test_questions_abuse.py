"""The question board against abuse and bad input: every refusal says why, stores nothing and
keeps what was typed; what is accepted is stored as safe plain text."""

import datetime
import unicodedata

import pytest
import time_machine
from django import forms
from django.core import signing
from django.core.validators import ProhibitNullCharactersValidator
from django.test import Client
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from onlinetalk.questions.models import CitizenQuestion, QuestionStatus, ReviewWord
from onlinetalk.questions.text import (
    BIDI_CONTROLS,
    is_valid_contact,
    normalise_text,
    text_fingerprint,
)
from tests.question_support import (
    MICROSECOND,
    NOW,
    START,
    TEXT,
    ask,
    ask_url,
    form_data,
    form_token,
    new_session,
    soup_of,
    zh,
)

REQUIRED = zh(str(forms.Field.default_error_messages["required"]))


# --- fixtures and helpers ----------------------------------------------------------------------


def send(client, page, clock, *, wait=30, address="127.0.0.1", **fields):
    """Open the form, take `wait` seconds, send it from `address`."""
    return ask(client, page, clock, {"REMOTE_ADDR": address}, wait=wait, **fields)


def resend(client, page, refusal, *, address="127.0.0.1"):
    """Send the re-rendered form again as a browser would: every field as it is shown."""
    form = soup_of(refusal).find("form", method="post")
    data = {}
    for field in form.find_all(["input", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.get_text().removeprefix("\n")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return client.post(ask_url(page), data, REMOTE_ADDR=address)


def refused(response, status, message, typed, stored=0):
    """The refusal: its status, its message in the summary, the typed text kept, nothing stored."""
    assert response.status_code == status
    assert "no-store" in response["Cache-Control"]
    soup = soup_of(response)
    summary = soup.select_one("#ot-error-summary")
    assert summary is not None, "no error summary"
    assert message in summary.get_text(), summary.get_text()
    form = soup.find("form", method="post")
    assert form.find("textarea", attrs={"name": "text"}).get_text().removeprefix("\n") == (
        typed.get("text", TEXT)
    )
    assert form.find("input", attrs={"name": "nickname"}).get("value", "") == typed.get(
        "nickname", "热心市民"
    )
    if typed.get("contact"):
        # The citizen's own contact stays in their own (never cached) form.
        assert form.find("input", attrs={"name": "contact"})["value"] == typed["contact"]
    assert CitizenQuestion.objects.count() == stored
    return soup


def accepted(response):
    assert response.status_code == 302, soup_of(response).select_one("#ot-error-summary")
    code = response["Location"].rstrip("/").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return CitizenQuestion.objects.get(receipt_code=code)


# --- rate limits -------------------------------------------------------------------------------

ADDRESS_LIMIT = zh(
    "You have sent %(count)s questions in the last %(minutes)s minutes, the most the board takes "
    "from one connection. Please wait a few minutes and send this one again.",
    count=5,
    minutes=10,
)


def test_the_sixth_question_from_one_address_within_ten_minutes_is_refused(client, clock, session):
    first_at = NOW + datetime.timedelta(seconds=30)
    for number in range(5):
        accepted(send(client, session, clock, text=f"第{number}个关于公交线路调整的问题"))
    typed = {"text": "第六个问题 夜班公交能否延长运营时间", "nickname": "夜归人"}

    response = send(client, session, clock, **typed)

    refused(response, 429, ADDRESS_LIMIT, typed, stored=5)

    # One instant before the first question leaves the window: still refused.
    clock.move_to(first_at + datetime.timedelta(minutes=10) - MICROSECOND)
    refused(resend(client, session, response), 429, ADDRESS_LIMIT, typed, stored=5)
    # Ten minutes after the first one: the same form, sent again, is accepted.
    clock.move_to(first_at + datetime.timedelta(minutes=10))
    question = accepted(resend(client, session, response))
    assert question.text == typed["text"]
    assert question.nickname == "夜归人"


def test_the_address_limit_covers_every_session(client, clock, session, year_page, unit):
    other = new_session(year_page, unit, slug="other")
    for number in range(5):
        accepted(send(client, session, clock, text=f"第{number}个关于公交线路调整的问题"))
    typed = {"text": "另一场访谈的问题：学校周边交通？"}
    refused(send(client, other, clock, **typed), 429, ADDRESS_LIMIT, typed, stored=5)


def test_another_address_is_not_limited_by_the_first(client, clock, session):
    for number in range(5):
        accepted(send(client, session, clock, text=f"第{number}个关于公交线路调整的问题"))
    assert send(client, session, clock, text="第六个问题的文本内容").status_code == 429
    question = accepted(
        send(client, session, clock, text="第六个问题的文本内容", address="203.0.113.9")
    )
    assert question.session_id == session.pk


def _send_forwarded(client, page, clock, number, forwarded, address="127.0.0.1"):
    extra = {"REMOTE_ADDR": address, "HTTP_X_FORWARDED_FOR": forwarded}
    return ask(client, page, clock, extra, text=f"第{number}个关于公交线路调整的问题")


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, clock, session):
    # No proxy of the site's own: whatever the client writes in X-Forwarded-For is ignored.
    for number in range(5):
        accepted(_send_forwarded(client, session, clock, number, f"198.51.100.{number}"))
    response = _send_forwarded(client, session, clock, 9, "198.51.100.99")
    assert response.status_code == 429
    assert CitizenQuestion.objects.count() == 5


def test_behind_a_trusted_proxy_the_address_it_appended_counts(client, clock, session, settings):
    settings.ONLINETALK_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    # The client writes anything it likes first; the proxy appends the real address.
    for number in range(5):
        accepted(
            _send_forwarded(client, session, clock, number, f"1.2.3.{number}, 203.0.113.5", proxy)
        )
    refusal = _send_forwarded(client, session, clock, 7, "9.9.9.9, 203.0.113.5", proxy)
    assert refusal.status_code == 429
    # Another citizen behind the same proxy is not limited.
    accepted(_send_forwarded(client, session, clock, 8, "203.0.113.6", proxy))


def test_beyond_the_session_limit_questions_are_flagged_not_refused(
    client, clock, session, year_page, unit, settings
):
    settings.ONLINETALK_QUESTIONS_PER_SESSION = 2
    other = new_session(year_page, unit, slug="other")
    first = accepted(
        send(client, session, clock, text="第一个市民的问题内容", address="203.0.113.1")
    )
    second = accepted(
        send(client, session, clock, text="第二个市民的问题内容", address="203.0.113.2")
    )

    third = accepted(
        send(client, session, clock, text="第三个市民的问题内容", address="203.0.113.3")
    )

    assert (first.flagged, second.flagged, third.flagged) == (False, False, True)
    assert third.flagged_words == ""
    assert third.events.get().note == zh(
        "Needs closer review: %(count)s or more questions arrived for this session within "
        "%(minutes)s minutes.",
        count=2,
        minutes=10,
    )
    # Another session is not crowded.
    assert not accepted(
        send(client, other, clock, text="另一场访谈的问题内容", address="203.0.113.3")
    ).flagged
    # After the window the session is not crowded any more.
    clock.move_to(first.submitted_at + datetime.timedelta(minutes=10))
    fourth = accepted(
        send(client, session, clock, text="第四个市民的问题内容", address="203.0.113.4")
    )
    assert not fourth.flagged


# --- the form's own guards ----------------------------------------------------------------------


def test_the_honeypot_field_filled_in(client, clock, session):
    typed = {"website": "http://spam.example", "text": "便宜的广告内容请点击链接购买"}
    response = send(client, session, clock, **typed)
    refused(
        response,
        400,
        zh(
            "The form could not be accepted: the field “Leave this field empty” was filled in "
            "(some browsers fill it in by themselves). It is empty now: please send the form again."
        ),
        typed,
    )


def test_a_person_refused_by_the_honeypot_can_send_the_form_again(client, clock, session):
    refusal = send(client, session, clock, website="https://autofill.example")
    assert refusal.status_code == 400
    clock.shift(datetime.timedelta(seconds=30))
    accepted(resend(client, session, refusal))


@pytest.mark.parametrize(("wait", "ok"), [(0, False), (2.999, False), (3, True)])
def test_a_form_sent_within_seconds_of_opening_it(client, clock, session, wait, ok):
    response = send(client, session, clock, wait=wait)
    if ok:
        accepted(response)
        return
    message = zh(
        "The form was sent within seconds of opening it. Please read your question once more "
        "and send it again."
    )
    refused(response, 400, message, {})
    # The re-rendered form carries a fresh token: read again, send again.
    clock.shift(datetime.timedelta(seconds=5))
    accepted(resend(client, session, response))


def test_the_minimum_fill_time_is_a_setting(client, clock, session, settings):
    settings.ONLINETALK_QUESTION_MIN_FILL_SECONDS = 20
    assert send(client, session, clock, wait=19).status_code == 400
    accepted(send(client, session, clock, wait=20))


@pytest.mark.parametrize(
    ("wait", "ok"),
    [(datetime.timedelta(hours=2), True), (datetime.timedelta(hours=2, seconds=1), False)],
)
def test_a_form_open_for_more_than_two_hours(client, clock, session, wait, ok):
    token = form_token(client, session)
    clock.shift(wait)
    response = client.post(ask_url(session), form_data(token))
    if ok:
        accepted(response)
        return
    refused(response, 400, zh("The form was open for too long. Please send it again."), {})


def _tampered(token):
    value, signature = token.rsplit(":", 1)
    replacement = "A" if signature[-1] != "A" else "B"
    return f"{value}:{signature[:-1]}{replacement}"


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(_tampered, id="tampered signature"),
        pytest.param(lambda token: None, id="missing"),
        pytest.param(lambda token: "", id="empty"),
        pytest.param(lambda token: "not-a-token", id="garbage"),
        pytest.param(lambda token: signing.dumps(0, salt="another.salt"), id="other salt"),
        # Another issuing time (to skip the fill time) breaks the signature.
        pytest.param(lambda token: "MQ" + token[token.index(":") :], id="other value"),
    ],
)
def test_a_tampered_or_missing_token(client, clock, session, token):
    genuine = form_token(client, session)
    clock.shift(datetime.timedelta(seconds=30))
    response = client.post(ask_url(session), form_data(token(genuine)))
    refused(response, 400, zh("The form was incomplete. Please send it again."), {})


# --- duplicates ---------------------------------------------------------------------------------

DUPLICATE = zh(
    "This question was already received from your connection within the last hour; it is not "
    "stored twice. Keep the receipt code you were given then."
)


@pytest.mark.parametrize(
    "again",
    [
        "请问17路公交什么时候恢复原来的线路？",
        "请问 17 路公交什么时候\n恢复原来的线路？",
        "请问１７路公交什么时候恢复原来的线路?",
        "  请问17路公交　什么时候恢复原来的线路？  ",
    ],
)
def test_the_same_question_twice_from_one_address(client, clock, session, again):
    first = accepted(send(client, session, clock, text="请问17路公交什么时候恢复原来的线路？"))
    typed = {"text": again}
    refused(send(client, session, clock, **typed), 409, DUPLICATE, typed, stored=1)
    assert CitizenQuestion.objects.get() == first


def test_english_text_differing_in_case_and_width_is_a_duplicate(client, clock, session):
    accepted(send(client, session, clock, text="When will bus route 17 return?"))
    response = send(client, session, clock, text="ＷＨＥＮ  will BUS route 17 return?")
    assert response.status_code == 409


def test_a_duplicate_is_accepted_after_an_hour(client, clock, session):
    first = accepted(send(client, session, clock))
    token = form_token(client, session)
    clock.move_to(first.submitted_at + datetime.timedelta(hours=1) - MICROSECOND)
    refused(client.post(ask_url(session), form_data(token)), 409, DUPLICATE, {}, stored=1)
    clock.move_to(first.submitted_at + datetime.timedelta(hours=1))
    second = accepted(client.post(ask_url(session), form_data(token)))
    assert second.text == first.text
    assert second.receipt_code != first.receipt_code


def test_the_same_text_from_another_address_or_to_another_session_is_accepted(
    client, clock, session, year_page, unit
):
    other = new_session(year_page, unit, slug="other")
    accepted(send(client, session, clock))
    accepted(send(client, session, clock, address="203.0.113.50"))
    accepted(send(client, other, clock))
    assert CitizenQuestion.objects.count() == 3


# --- length, emptiness ---------------------------------------------------------------------------


def too_short(length):
    return zh(
        "The question has %(length)s characters; please write at least %(min)s.",
        length=length,
        min=10,
    )


def too_long(length):
    return zh(
        "The question has %(length)s characters; %(max)s at most, please shorten it (or split it "
        "into two questions).",
        length=length,
        max=1000,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Full-width letters count once each, a run of spaces as one.
        ("ａｂｃ      ｄｅｆ", too_short(7)),
        ("一二三\u3000\u3000\u3000四五六七八", too_short(9)),
        ("\u202e\u202e\u202e\u202e\u202e\u202e\u202e\u202e\u202e\u202e\u202e", too_short(0)),
        ("\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07短", too_short(1)),
        ("问" * 1001, too_long(1001)),
        # One character that NFKC spells with 18 letters.
        ("\ufdfa" * 56, too_long(1008)),
        ("", REQUIRED),
        ("   \n\n  \t ", REQUIRED),
    ],
    ids=[
        "full-width",
        "ideographic spaces",
        "bidi only",
        "controls",
        "1001",
        "nfkc",
        "empty",
        "blank",
    ],
)
def test_a_question_too_short_too_long_or_empty(client, clock, session, text, message):
    typed = {"text": text}
    response = send(client, session, clock, **typed)
    refused(response, 400, message, typed)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("一二三\u3000\u3000\u3000四五六七八九", 10),
        ("ａｂｃｄｅｆｇｈｉｊ", 10),
        ("问" * 500 + " " * 300 + "\n\n\n\n\n" + "答" * 498, 1000),
        ("\t" + "问" * 1000 + "   \n", 1000),
    ],
    ids=["ten", "ten full-width", "spaces collapsed", "trimmed"],
)
def test_the_length_is_counted_after_normalisation(client, clock, session, text, length):
    question = accepted(send(client, session, clock, text=text))
    assert len(question.text) == length


def test_the_length_limits_are_settings(client, clock, session, settings):
    settings.ONLINETALK_QUESTION_MIN_LENGTH = 3
    settings.ONLINETALK_QUESTION_MAX_LENGTH = 5
    accepted(send(client, session, clock, text="几点钟"))
    response = send(client, session, clock, text="六个字的问题")
    assert response.status_code == 400
    assert (
        zh(
            "The question has %(length)s characters; %(max)s at most, please shorten it (or split it "
            "into two questions).",
            length=6,
            max=5,
        )
        in soup_of(response).select_one("#ot-error-summary").get_text()
    )
    textarea = soup_of(response).find("textarea", attrs={"name": "text"})
    assert textarea["maxlength"] == "5"


# --- what is stored: plain text, emoji, right-to-left, no controls --------------------------------


def test_html_and_script_are_stored_as_plain_text_and_shown_escaped(client, clock, session):
    text = '<script>alert("x")</script><img src=x onerror=alert(1)> 请问 & 谢谢'
    question = accepted(send(client, session, clock, text=text, nickname="<b>粗体</b>"))
    assert question.text == text
    assert question.nickname == "<b>粗体</b>"
    question.status = QuestionStatus.ACCEPTED
    question.save()

    for url in (
        session.url,
        session.url + session.reverse_subpage("question_receipt", args=[question.receipt_code]),
    ):
        response = Client().get(url)
        html = response.content.decode()
        assert "<script>alert(" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html
        soup = soup_of(response)
        shown = soup.select_one(".ot-question__text")
        assert shown.get_text(strip=True) == text
        assert shown.find("script") is None and shown.find("img") is None
    nickname = soup_of(Client().get(session.url)).select_one(".ot-question__nickname")
    assert nickname.get_text() == "<b>粗体</b>"


def test_chinese_punctuation_is_kept_and_full_width_letters_folded(client, clock, session):
    question = accepted(
        send(
            client,
            session,
            clock,
            text="请问（１）号线：ＡＢＣ站，何时开通？",
            nickname="市民（甲）",
        )
    )
    assert question.text == "请问（1）号线：ABC站，何时开通？"
    assert question.nickname == "市民（甲）"


def test_emoji_are_accepted_and_kept(client, clock, session):
    text = "请问🚌站台能加雨棚吗👍🏽 一家人👨‍👩‍👧都在等车"
    question = accepted(send(client, session, clock, text=text, nickname="公交迷🚍"))
    question.refresh_from_db()
    assert question.text == text
    assert question.nickname == "公交迷🚍"


def test_right_to_left_text_is_accepted(client, clock, session):
    arabic = "هل يمكن تحسين النقل العام في المدينة؟"
    hebrew = "מתי יחזור קו 17 למסלולו?"
    question = accepted(send(client, session, clock, text=f"{arabic}\n{hebrew}", nickname="سارة"))
    assert question.text == f"{arabic}\n{hebrew}"
    assert question.nickname == "سارة"


def test_direction_overrides_and_isolates_are_removed(client, clock, session):
    text = "请问退款\u202e元0001\u202c是否\u2066合理\u2069？\u200f\u200e"
    nickname = "\u202e民市心热"
    question = accepted(send(client, session, clock, text=text, nickname=nickname))
    assert question.text == "请问退款元0001是否合理？"
    assert question.nickname == "民市心热"
    assert not set(question.text) & BIDI_CONTROLS


def test_control_characters_are_removed(client, clock, session):
    text = "请问\x07公交\x1b[31m线路\x7f何时\x85调整\u009b？\r\n第二行\r第三行\t结束\x0b\x0c"
    question = accepted(send(client, session, clock, text=text, nickname="市\x08民\t甲"))
    assert question.text == "请问公交[31m线路何时调整？\n第二行\n第三行 结束"
    assert question.nickname == "市民 甲"
    assert not [
        char for char in question.text if unicodedata.category(char) == "Cc" and char != "\n"
    ]


def test_a_null_character_is_refused_with_a_message(client, clock, session):
    typed = {"text": "请问公交线路\x00什么时候调整"}
    response = send(client, session, clock, **typed)
    assert response.status_code == 400
    assert zh(str(ProhibitNullCharactersValidator.message)) in (
        soup_of(response).select_one("#ot-error-summary").get_text()
    )
    assert not CitizenQuestion.objects.exists()


# --- nickname and contact -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nickname", "message"),
    [
        (
            "长" * 31,
            zh("The nickname is %(length)s characters long; 30 at most, please.", length=31),
        ),
        (
            "ｎｉｃｋ" * 8,
            zh("The nickname is %(length)s characters long; 30 at most, please.", length=32),
        ),
        ("\u202e\x07", zh("Please give a nickname.")),
        ("", REQUIRED),
        ("    ", REQUIRED),
    ],
    ids=["31", "full-width 32", "only controls", "empty", "blank"],
)
def test_a_bad_nickname(client, clock, session, nickname, message):
    typed = {"nickname": nickname}
    refused(send(client, session, clock, **typed), 400, message, typed)


def test_a_nickname_of_thirty_characters_after_normalisation(client, clock, session):
    question = accepted(send(client, session, clock, nickname="ｎｉｃｋ" + "名" * 21 + "    甲"))
    assert question.nickname == "nick" + "名" * 21 + " 甲"
    assert len(question.nickname) == 27
    question = accepted(
        send(client, session, clock, nickname="长" * 30, text="另一个问题的文本内容")
    )
    assert len(question.nickname) == 30


CONTACT = zh("Please give a phone number (digits only) or an e-mail address, or leave it empty.")


@pytest.mark.parametrize(
    "contact",
    ["abc", "12345", "电话13800138000", "citizen@example", "a b@example.com@", "x" * 96 + "@a.cn"],
)
def test_an_invalid_contact(client, clock, session, contact):
    typed = {"contact": contact}
    refused(send(client, session, clock, **typed), 400, CONTACT, typed)


@pytest.mark.parametrize(
    ("contact", "stored"),
    [
        ("+86 138-0013-8000", "+86138-0013-8000"),
        ("１３８００１３８０００", "13800138000"),
        (" citizen@example.com ", "citizen@example.com"),
        ("", ""),
        pytest.param(
            "ｃｉｔｉｚｅｎ＠ｅｘａｍｐｌｅ．ｃｏｍ",
            "citizen@example.com",
            id="full-width e-mail",
        ),
        pytest.param(
            "＋８６ １３８－００１３－８０００",
            "+86138-0013-8000",
            id="full-width phone",
        ),
    ],
)
def test_a_valid_contact_is_stored_normalised(client, clock, session, contact, stored):
    question = accepted(send(client, session, clock, contact=contact))
    assert question.contact == stored


# --- review words -------------------------------------------------------------------------------


def test_review_words_flag_a_question_but_do_not_refuse_it(client, clock, session):
    ReviewWord.objects.create(word="拆迁", note="征地拆迁类问题需法制科复核")
    ReviewWord.objects.create(word="Bribe")
    ReviewWord.objects.create(word="停车费")

    flagged = accepted(
        send(client, session, clock, text="关于拆迁补偿，有人说要送ＢＲＩＢＥ才能办，是真的吗？")
    )
    assert flagged.flagged
    assert set(flagged.flagged_words.split("、")) == {"拆迁", "Bribe"}
    assert flagged.status == QuestionStatus.PENDING

    plain = accepted(send(client, session, clock, text="请问公交线路什么时候调整？"))
    assert not plain.flagged
    assert plain.flagged_words == ""


# --- the board closed ---------------------------------------------------------------------------


def test_a_question_sent_after_the_board_closed_is_refused_and_kept(client, clock, session):
    clock.move_to(START - datetime.timedelta(minutes=10))
    token = form_token(client, session)
    clock.move_to(START)
    typed = {"text": "写得太久了，访谈已经开始了。", "nickname": "慢性子", "contact": "13800138000"}
    response = client.post(ask_url(session), form_data(token, **typed))
    soup = refused(
        response, 403, zh("The question board of this session is closed."), typed, stored=0
    )
    assert zh("You can copy your text from the form below.") in soup.get_text()


def test_a_bad_form_on_a_closed_board_still_keeps_the_text(client, clock, session):
    clock.move_to(START - datetime.timedelta(minutes=10))
    token = form_token(client, session)
    clock.move_to(START + datetime.timedelta(hours=2))
    typed = {"text": "短", "nickname": "慢性子"}
    response = client.post(ask_url(session), form_data(token, **typed))
    refused(response, 400, too_short(1), typed)


# --- arbitrary input --------------------------------------------------------------------------

TRICKY = [
    "\x00",
    "\u202e\u2066\u2069",
    "𝓗𝓮𝓵𝓵𝓸",
    "\ufdfa" * 60,
    "﷽",
    "👨‍👩‍👧‍👦" * 5,
    "\r\n\r\r\n",
    "<script>alert(1)</script>",
    "'; DROP TABLE onlinetalk_citizenquestion; --",
    "%(count)s %s {0} {{ x }}",
    "\u3000" * 20,
    "ａ" * 1001,
]
# st.text() draws from every Unicode category but surrogates (which no browser can send).
anything = st.one_of(
    st.text(),
    st.text(min_size=25, max_size=1100),
    st.sampled_from(TRICKY),
    st.lists(st.sampled_from(TRICKY), max_size=4).map("".join),
)
# Per field: input of the right shape with arbitrary characters inside (mostly accepted), or
# anything at all. Each example breaks a few fields, so that many examples reach the database.
PLAUSIBLE = {
    "text": st.builds(
        lambda middle, end: f"请问{middle}这件事应该怎么办{end}",
        st.text(max_size=300),
        st.text(max_size=30),
    ),
    "nickname": st.builds(lambda middle: f"市民{middle}", st.text(max_size=10)),
    "contact": st.one_of(
        st.just(""),
        st.emails(),
        st.from_regex(r"\+?[0-9][0-9\- ]{5,18}[0-9]", fullmatch=True),
    ),
    "consent_to_publish": st.sampled_from([None, "on", "true", "false", "", "0", "1", "off"]),
    "website": st.just(""),
    "issued": st.none(),  # the token the form handed out
}
ARBITRARY = {
    "text": anything,
    "nickname": anything,
    "contact": anything,
    "consent_to_publish": st.one_of(st.none(), st.text()),
    "website": st.text(min_size=1, max_size=20),
    "issued": st.text(max_size=80),
}


@pytest.fixture
def open_board(session, settings):
    """Refusals by the clock and the address limit are tested above: here every input gets as
    far as the database when the form accepts it."""
    settings.ONLINETALK_QUESTION_MIN_FILL_SECONDS = 0
    settings.ONLINETALK_QUESTIONS_PER_ADDRESS = 10_000
    settings.ONLINETALK_QUESTIONS_PER_SESSION = 10_000
    return session


@hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,  # keep no example database in the project
)
@given(data=st.data())
def test_arbitrary_input_never_breaks_the_board(client, open_board, data):
    session = open_board
    broken = data.draw(st.sets(st.sampled_from(sorted(PLAUSIBLE)), max_size=3), label="broken")
    fields = {
        name: data.draw(ARBITRARY[name] if name in broken else PLAUSIBLE[name], label=name)
        for name in PLAUSIBLE
    }
    with time_machine.travel(NOW, tick=False):
        if fields["issued"] is None:
            fields["issued"] = form_token(client, session)
        post = {name: value for name, value in fields.items() if value is not None}
        before = CitizenQuestion.objects.count()
        # The same text from this address again within the hour is a duplicate (409).
        stored_already = CitizenQuestion.objects.filter(
            text_hash=text_fingerprint(str(fields.get("text") or ""))
        ).exists()
        response = client.post(ask_url(session), post)

    assert response.status_code < 500
    event(f"HTTP {response.status_code}")
    if response.status_code != 302:
        # Each refusal for its own reason: a duplicate of a stored question, or a form error.
        expected = 409 if response.status_code == 409 and stored_already else 400
        assert response.status_code == expected
        assert CitizenQuestion.objects.count() == before
        assert soup_of(response).select_one("#ot-error-summary") is not None
        return
    assert CitizenQuestion.objects.count() == before + 1
    question = CitizenQuestion.objects.order_by("-pk").first()
    assert question.text == normalise_text(fields["text"])
    assert 10 <= len(question.text) <= 1000
    assert 1 <= len(question.nickname) <= 30
    assert question.contact == "" or is_valid_contact(question.contact)
    for value in (question.text, question.nickname, question.contact):
        assert not set(value) & BIDI_CONTROLS
        assert not [c for c in value if unicodedata.category(c) in ("Cc", "Co", "Cn") and c != "\n"]
    consent = fields["consent_to_publish"]
    if consent in (None, "", "false"):
        assert not question.consent_to_publish
    if consent in ("on", "true", "1"):
        assert question.consent_to_publish
    # A filled-in honeypot is never accepted.
    assert fields["website"].strip() == ""
