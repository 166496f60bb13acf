"""What staff type into the console, made safe once, when it is saved.

A citizen's question is plain text (shown escaped, as on the board). The host's, the guests' and
the notices' texts allow a little formatting — bold, italics, lists, links — and nothing else:
whatever arrives (typed markup, a paste from a word processor) goes through nh3's whitelist.
Plain text typed without markup becomes paragraphs and line breaks.
"""

import html
import re

import nh3

from onlinetalk.questions.text import normalise_line, normalise_text

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
MARKUP = re.compile(r"</?[a-zA-Z][^>]*>")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
EMPTY_MARKUP = re.compile(r"^(\s|<br>|<p>|</p>|&nbsp;)*$")
TAGS = re.compile(r"<[^>]+>")


def plain_text(value, *, max_length=None):
    text = normalise_text(value)
    return text[:max_length] if max_length else text


def one_line(value, *, max_length=None):
    text = normalise_line(value)
    return text[:max_length] if max_length else text


def formatted_text(value):
    """Sanitised HTML from what a member of staff typed: markup that is allowed is kept, the
    rest removed; plain text becomes paragraphs."""
    text = normalise_text(value)
    if not text:
        return ""
    if not MARKUP.search(text):
        paragraphs = PARAGRAPH_BREAK.split(text)
        text = "".join(
            "<p>" + html.escape(paragraph.strip()).replace("\n", "<br>") + "</p>"
            for paragraph in paragraphs
            if paragraph.strip()
        )
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
    return "" if EMPTY_MARKUP.match(cleaned) else cleaned


def text_of(formatted):
    """The words of sanitised HTML, for a history list or a plain-text field."""
    return " ".join(html.unescape(TAGS.sub(" ", formatted or "")).split())


ONLY_PARAGRAPHS = re.compile(r"^(?:[^<]|<p>|</p>|<br>)*$")


def editable_text(formatted):
    """What the correction box shows of a saved text: paragraphs and line breaks back as blank
    lines and newlines when they are its only markup (formatted_text turns the result into the
    same HTML again); the HTML itself when it holds other formatting, which the box keeps."""
    formatted = formatted or ""
    if not ONLY_PARAGRAPHS.match(formatted):
        return formatted
    paragraphs = [part for part in re.split(r"</p>\s*<p>|</?p>", formatted) if part.strip()]
    text = "\n\n".join(html.unescape(part.replace("<br>", "\n")) for part in paragraphs)
    if MARKUP.search(text):
        # Words that read as tags once unescaped (`&lt;b&gt;`) would be taken for markup: the
        # box keeps the HTML, in a paragraph if it has no tag, so that it is read as HTML again.
        return formatted if MARKUP.search(formatted) else f"<p>{formatted}</p>"
    return text
