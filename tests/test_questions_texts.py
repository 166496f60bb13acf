"""What the board and its admin say (issue #7): one fate, one text on the receipt; a closed
board says it is closed; the form's fields as the help describes them; the admin listing's
flag shown only where there is one, and no bulk action that nobody may use."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from onlinetalk.questions.models import CitizenQuestion, QuestionStatus, ReviewWord
from onlinetalk.templatetags.onlinetalk_tags import talk_datetime
from tests.factories import CitizenQuestionFactory
from tests.question_support import (
    NOW,
    PUBLISHED,
    START,
    ask_url,
    receipt_url,
    soup_of,
    zh,
)

NOT_LISTED_STILL_ANSWERED = zh(
    "You did not agree to publish your question, so it is not listed on the session page; the "
    "unit still answers it."
)
NOT_LISTED = zh(
    "You did not agree to publish your question, so it is not listed on the session page."
)
LISTING_URL = "/admin/snippets/onlinetalk/citizenquestion/"


def zh_datetime(value):
    with translation.override("zh-hans"):
        return talk_datetime(value)


def question(session, **fields):
    fields.setdefault("submitted_at", NOW - datetime.timedelta(hours=1))
    return CitizenQuestionFactory(session=session, **fields)


def receipt_text(client, session, asked):
    response = client.get(receipt_url(session, asked.receipt_code))
    assert response.status_code == 200
    return soup_of(response).select_one("article.ot-receipt").get_text()


# --- the receipt: one fate, one text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        (QuestionStatus.PENDING, NOT_LISTED_STILL_ANSWERED),
        (QuestionStatus.ACCEPTED, NOT_LISTED_STILL_ANSWERED),
        (QuestionStatus.ANSWERED_LIVE, NOT_LISTED),
        (QuestionStatus.ANSWERED_LATER, NOT_LISTED),
        (QuestionStatus.REJECTED, None),
        (QuestionStatus.MERGED, None),
    ],
)
def test_without_consent_the_receipt_says_only_what_fits_the_fate(
    client, clock, session, status, sentence
):
    fields = {"rejection_reason": "与本场访谈主题无关"} if status == QuestionStatus.REJECTED else {}
    if status == QuestionStatus.MERGED:
        fields["merged_into"] = question(session, status=QuestionStatus.ACCEPTED)
    asked = question(session, status=status, consent_to_publish=False, **fields)

    text = receipt_text(client, session, asked)

    shown = [line for line in (NOT_LISTED_STILL_ANSWERED, NOT_LISTED) if line in text]
    assert shown == ([sentence] if sentence else [])


def test_a_declined_question_says_declined_and_nothing_about_an_answer(client, clock, session):
    asked = question(
        session,
        status=QuestionStatus.REJECTED,
        consent_to_publish=False,
        rejection_reason="与本场访谈主题无关",
    )
    text = receipt_text(client, session, asked)
    assert zh("Declined.") in text
    assert "与本场访谈主题无关" in text
    assert "仍会答复" not in text
    assert zh("the unit still answers it") not in text


def test_with_consent_no_sentence_about_publication(client, clock, session):
    asked = question(session, status=QuestionStatus.PENDING, consent_to_publish=True)
    text = receipt_text(client, session, asked)
    assert NOT_LISTED not in text
    assert NOT_LISTED_STILL_ANSWERED not in text


# --- a closed board ----------------------------------------------------------------------------------


def test_a_closed_board_says_it_is_closed(client, session):
    with time_machine.travel(START, tick=False):
        board = soup_of(client.get(session.url)).select_one("section#questions").get_text()
        form = soup_of(client.get(ask_url(session))).get_text()
    closed = zh(
        "The question board is closed. It was open from %(opens)s to %(closes)s.",
        opens=zh_datetime(PUBLISHED),
        closes=zh_datetime(START),
    )
    assert closed in board
    assert closed in form
    assert "已关闭" in board


# --- the form's fields ----------------------------------------------------------------------------


def test_the_nickname_field_stops_at_the_thirty_characters_its_help_names(client, clock, session):
    field = soup_of(client.get(ask_url(session))).find("input", attrs={"name": "nickname"})
    assert field["maxlength"] == "30"
    help_text = zh("Shown with your question if it is published. Up to 30 characters.")
    assert help_text in soup_of(client.get(ask_url(session))).get_text()


def test_the_contact_field_does_not_force_an_e_mail_keyboard(client, clock, session):
    field = soup_of(client.get(ask_url(session))).find("input", attrs={"name": "contact"})
    assert not field.has_attr("inputmode")
    assert field["type"] == "text"


# --- the admin listing ------------------------------------------------------------------------------


@pytest.fixture
def superuser(session, django_user_model):
    call_command("setup_portal", stdout=StringIO())
    return django_user_model.objects.create_user(
        "root", password="x", is_superuser=True, is_staff=True
    )


@pytest.fixture
def office_editor(session, django_user_model):
    call_command("setup_portal", stdout=StringIO())
    editor = django_user_model.objects.create_user("office-editor", password="x")
    editor.groups.add(Group.objects.get(name="市政府办公室-编辑"))
    return editor


def flag_cells(response):
    """{question id: the flag cell} of the listing's rows."""
    assert response.status_code == 200
    cells = {}
    for row in soup_of(response).select("table.listing tbody tr"):
        checkbox = row.select_one("input[data-bulk-action-checkbox]")
        cells[int(checkbox["data-object-id"])] = row.select_one("td.ot-flag")
    return cells


def test_the_listing_shows_the_flag_only_on_flagged_questions(client, clock, session, superuser):
    flagged = question(session, flagged=True, flagged_words="拆迁")
    ordinary = question(session)
    client.force_login(superuser)

    cells = flag_cells(client.get(LISTING_URL))

    assert cells[flagged.pk].select("svg") != []
    assert cells[flagged.pk].select_one("svg use")["href"] == "#icon-warning"
    assert cells[ordinary.pk].select("svg") == []
    assert cells[ordinary.pk].get_text(strip=True) == ""


def bulk_action_urls(response):
    assert response.status_code == 200
    footer = soup_of(response).select_one("[data-bulk-action-footer]")
    return {link["href"].split("?")[0] for link in footer.select("a[data-bulk-action-button]")}


@pytest.mark.parametrize("who", ["superuser", "office_editor"])
def test_the_question_listing_offers_no_delete_action(client, clock, session, who, request):
    question(session)
    client.force_login(request.getfixturevalue(who))

    urls = bulk_action_urls(client.get(LISTING_URL))

    assert urls == {
        f"/admin/bulk/onlinetalk/citizenquestion/{action}/"
        for action in (
            "accept_questions",
            "reject_questions",
            "categorise_questions",
            "merge_questions",
        )
    }


def test_other_snippets_keep_their_delete_action(client, clock, superuser):
    ReviewWord.objects.create(word="拆迁")
    client.force_login(superuser)
    urls = bulk_action_urls(client.get("/admin/snippets/onlinetalk/reviewword/"))
    assert "/admin/bulk/onlinetalk/reviewword/delete/" in urls


def test_the_delete_bulk_action_reached_by_its_address_deletes_nothing(
    client, clock, session, superuser
):
    asked = question(session)
    client.force_login(superuser)
    url = f"/admin/bulk/onlinetalk/citizenquestion/delete/?next={LISTING_URL}&id={asked.pk}"

    client.post(url)

    assert CitizenQuestion.objects.filter(pk=asked.pk).exists()
