"""What a citizen types, made safe and comparable: NFKC, no control or direction-override
characters, tidy whitespace. The result is stored and shown as plain text, never as HTML."""

import hashlib
import re
import unicodedata

# Explicit direction overrides and isolates can make a text display differently from what it
# says; ordinary right-to-left letters (Arabic, Hebrew) are kept.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
SPACES = re.compile(r"[^\S\n]+")
# NFKC turns Chinese full-width punctuation (，：；？！（）) into ASCII, which reads wrongly in
# Chinese; it is kept as typed. Full-width letters and digits still become ASCII.
FULLWIDTH_PUNCTUATION = re.compile(r"([\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e])")
BLANK_LINES = re.compile(r"\n{3,}")
PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _drop_controls(text, *, keep_newlines):
    kept = []
    for char in text:
        if char in BIDI_CONTROLS:
            continue
        if char in "\r\t":
            char = "\n" if char == "\r" and keep_newlines else " "
        if char == "\n" and not keep_newlines:
            char = " "
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char != "\n":
            continue
        kept.append(char)
    return "".join(kept)


def nfkc(value, *, keep_chinese_punctuation=True):
    text = str(value or "")
    if not keep_chinese_punctuation:
        return unicodedata.normalize("NFKC", text)
    parts = FULLWIDTH_PUNCTUATION.split(text)
    # The split keeps the punctuation at the odd positions; only the runs between are folded.
    return "".join(
        part if index % 2 else unicodedata.normalize("NFKC", part)
        for index, part in enumerate(parts)
    )


def normalise_text(value):
    """A question: NFKC (Chinese punctuation kept), controls removed, runs of spaces collapsed,
    at most one blank line."""
    text = nfkc(value).replace("\r\n", "\n")
    text = _drop_controls(text, keep_newlines=True)
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalise_line(value):
    """A one-line field (nickname, contact): NFKC, controls removed, one space between words."""
    text = nfkc(value)
    return SPACES.sub(" ", _drop_controls(text, keep_newlines=False)).strip()


def is_valid_contact(value):
    return bool(PHONE.match(value) or EMAIL.match(value))


def text_fingerprint(text):
    """Equal for the same question typed again with other spacing or punctuation widths."""
    folded = re.sub(r"\s+", "", nfkc(normalise_text(text), keep_chinese_punctuation=False))
    folded = folded.casefold()
    return hashlib.sha256(folded.encode()).hexdigest()


def review_words_in(text, words):
    """The review words a text contains (case- and width-insensitive)."""
    folded = nfkc(normalise_text(text), keep_chinese_punctuation=False).casefold()
    return [
        word
        for word in words
        if nfkc(normalise_line(word), keep_chinese_punctuation=False).casefold() in folded
    ]
