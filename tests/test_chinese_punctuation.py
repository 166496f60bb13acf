"""Chinese interface strings use full-width punctuation (“正在直播：”, “您的留言码：”), and the
punctuation belongs to the translated string, never to the template around it: a colon after
`{% translate "Live now" %}` would show as “正在直播:” on a Chinese page."""

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [
    ROOT / "onlinetalk" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
    ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
]
TEMPLATE_FOLDERS = [ROOT / "onlinetalk" / "templates", ROOT / "templates"]

# Han characters, CJK punctuation (、。「」…), full-width forms (：，（）) and Chinese quotes.
CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’]"
ASCII_PUNCTUATION = "[:,;?!()]"
NEXT_TO_CJK = re.compile(rf"{CJK}\s*{ASCII_PUNCTUATION}|{ASCII_PUNCTUATION}\s*{CJK}")
# Placeholders and addresses keep their ASCII characters: “%(year)s年” and “（%(ids)s）” are fine.
NOT_PROSE = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^{}]*\}|[a-z][a-z0-9+.-]*://\S+")
# A translated string followed by ASCII punctuation, or preceded by an opening parenthesis.
OUTSIDE_THE_STRING = re.compile(
    r"\{%\s*(?:translate|trans|blocktranslate|blocktrans)\b[^%]*%\}\s*[:;,?!]"
    r"|\{%\s*(?:endblocktranslate|endblocktrans)\s*%\}\s*[:;,?!]"
    r"|\(\s*\{%\s*(?:translate|trans|blocktranslate|blocktrans)\b"
)


def ascii_punctuation_next_to_chinese(text):
    return NEXT_TO_CJK.findall(NOT_PROSE.sub("A", text))


def test_the_checks_tell_full_width_from_ascii_punctuation():
    assert ascii_punctuation_next_to_chinese("正在直播:")
    assert ascii_punctuation_next_to_chinese("理由: 无关")
    assert ascii_punctuation_next_to_chinese("%(name)s(%(position)s)局长")
    assert ascii_punctuation_next_to_chinese("请问?")
    assert not ascii_punctuation_next_to_chinese("正在直播：")
    assert not ascii_punctuation_next_to_chinese("%(name)s（%(position)s）")
    assert not ascii_punctuation_next_to_chinese("%(year)s年有多个排期页面（ID：%(ids)s）")
    assert not ascii_punctuation_next_to_chinese("Y年n月j日 H:i")
    assert not ascii_punctuation_next_to_chinese("详见https://example.org/a,b页面")
    assert OUTSIDE_THE_STRING.search('<h2>{% translate "Live now" %}: <a')
    assert OUTSIDE_THE_STRING.search('<b>({% translate "estimated" %})</b>')
    assert not OUTSIDE_THE_STRING.search('<h2>{% translate "Live now:" %} <a')


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_chinese_translations_use_full_width_punctuation(path):
    problems = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            found = ascii_punctuation_next_to_chinese(text)
            if found:
                problems.append(f"{entry.msgid!r} → {text!r}: {found}")
    assert not problems, "ASCII punctuation in Chinese text:\n" + "\n".join(problems)


def test_templates_keep_punctuation_inside_the_translated_strings():
    problems = []
    for folder in TEMPLATE_FOLDERS:
        for template in sorted(folder.rglob("*.html")):
            for number, line in enumerate(template.read_text().splitlines(), start=1):
                if OUTSIDE_THE_STRING.search(line):
                    problems.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not problems, "move the punctuation into the msgid:\n" + "\n".join(problems)


# --- the pages as a citizen sees them ------------------------------------------------------------


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").get_text()


def _announced_questions():
    page_model = apps.get_model("wagtailcore", "Page")
    question_model = apps.get_model("onlinetalk", "CitizenQuestion")
    session = page_model.objects.get(slug="showcase-announced", locale__language_code="zh-hans")
    return session.url, question_model.objects.filter(session_id=session.pk).order_by("pk")


@pytest.mark.parametrize(
    ("prefix", "live", "code", "reason"),
    [
        ("", "正在直播：", "您的留言码：", "理由："),
        ("/en", "Live now: ", "Your receipt code: ", "Reason: "),
    ],
)
def test_labels_are_followed_by_the_languages_own_colon(frozen, client, prefix, live, code, reason):
    assert live in _text(client, f"{prefix}/minsheng-online/")

    session, questions = _announced_questions()
    received = questions.exclude(status="rejected").first()
    receipt = _text(client, f"{prefix}{session}questions/{received.receipt_code}/?received=1")
    assert re.search(re.escape(code) + r"\s*" + received.formatted_receipt_code, receipt)

    declined = questions.filter(status="rejected").exclude(rejection_reason="").first()
    fate = _text(client, f"{prefix}{session}questions/{declined.receipt_code}/")
    assert re.search(re.escape(reason) + r"\s*" + re.escape(declined.rejection_reason), fate)
