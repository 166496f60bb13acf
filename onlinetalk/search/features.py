"""How the search plugs into the question board without the board knowing it: the answers
already given, beside the ask form's text."""

from onlinetalk.features import FieldAddition

SIMILAR_ANSWERS = FieldAddition(
    form="questions.ask",
    field="text",
    template="onlinetalk/search/answers_aside.html",
)
