"""Chinese typography on the hot responses' pages: no space after a full-width colon or before a
full-width bracket; a citizen's nickname in another language than the page's carries its lang."""

import pytest
from django.template import Context, Template
from django.utils import translation

LABEL = Template(
    '{% load i18n onlinetalk_tags %}{% translate "Answered by:" %}{% gap %}<span>X</span>'
)
NICKNAME = Template(
    "{% load i18n onlinetalk_tags %}{% blocktranslate with nickname=name|in_language:language %}"
    "{{ nickname }} asked:{% endblocktranslate %}"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "答复单位：<span>X</span>"), ("en", "Answered by: <span>X</span>")],
)
def test_label_and_value_spacing(language, expected):
    with translation.override(language):
        assert LABEL.render(Context()) == expected


@pytest.mark.parametrize(
    ("page_language", "name", "name_language", "expected"),
    [
        ("en", "唐家夜归人", "zh-hans", '<span lang="zh-Hans">唐家夜归人</span> asked:'),
        ("zh-hans", "唐家夜归人", "zh-hans", "唐家夜归人 问："),
        ("zh-hans", "Lucy", "en", '<span lang="en">Lucy</span> 问：'),
        ("en", "<b>&", "zh-hans", '<span lang="zh-Hans">&lt;b&gt;&amp;</span> asked:'),
        ("en", "Anna <i>", "en", "Anna &lt;i&gt; asked:"),
    ],
)
def test_nickname_in_its_language_and_escaped(page_language, name, name_language, expected):
    with translation.override(page_language):
        context = Context({"name": name, "language": name_language})
        assert NICKNAME.render(context) == expected
