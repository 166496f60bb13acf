"""Template helpers of the hot responses' pages and blocks."""

import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.html import format_html, strip_tags
from django.utils.translation import get_language

from onlinetalk.localization import language_tag
from onlinetalk.responses.blocks import Adoption

register = template.Library()

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")


@register.filter
def lang_if_untranslated(value):
    """` lang="zh-Hans"` on a page in another language when the text is still in the default
    language (a part nobody translated: wagtail-localize falls back to the source text)."""
    if get_language() == settings.LANGUAGE_CODE or not value:
        return ""
    source = getattr(value, "source", value)  # RichText keeps its HTML in .source
    text = strip_tags(str(source))
    han, latin = len(HAN.findall(text)), len(LATIN.findall(text))
    if han and han >= latin / 4:
        return format_html(' lang="{}"', language_tag(settings.LANGUAGE_CODE))
    return ""


@dataclass(frozen=True)
class AskedQuestions:
    public: list  # the questions whose words may be shown
    withheld: int  # linked questions that are not public (or no longer exist)


@register.simple_tag
def public_questions(questions):
    """A reply's linked questions split into those shown (accepted, with consent) and how many
    are withheld: a non-public question's words and nickname never reach the page."""
    questions = list(questions or [])
    public = [question for question in questions if question is not None and question.is_public]
    return AskedQuestions(public=public, withheld=len(questions) - len(public))


@register.simple_tag
def adoption_label(value):
    try:
        return Adoption(value).label
    except ValueError:
        return ""
