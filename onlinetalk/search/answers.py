"""The answers already given, as the ask form's aside shows them: plain values, no request."""

import dataclasses

from django.utils.text import Truncator

QUESTION_LENGTH = 80  # characters of the question shown as the link's text
EXCERPT_LENGTH = 140  # characters of the answer shown under it


@dataclasses.dataclass(frozen=True)
class ShownAnswer:
    question: str
    excerpt: str
    session_title: str
    kind: str  # the item's kind, shown as a label ("Answer in a transcript", ...)
    url: str


def shown(item, url):
    """One similar answer (a SearchItem of an answer kind, with its session loaded) as plain,
    truncated text; the template escapes it."""
    session = item.session or item.page
    return ShownAnswer(
        question=Truncator(" ".join(item.title.split())).chars(QUESTION_LENGTH),
        excerpt=Truncator(" ".join(item.answer.split())).chars(EXCERPT_LENGTH),
        session_title=session.title,
        kind=item.get_kind_display(),
        url=url,
    )
