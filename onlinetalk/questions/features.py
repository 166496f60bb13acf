"""How the question board plugs into the programme's pages: the session page gets the board (its
routes, its context and its template), the column gets the receipt-code look-up."""

from django.urls import path

from onlinetalk.features import PageFeature
from onlinetalk.pages import ancestors_below_the_root
from onlinetalk.schedule.models import TalkIndexPage

from . import views
from .board import board_window
from .fates import attach_fates
from .public import published_page, question_counts


def ask_question(page, request):
    return views.ask(request, page)


def question_receipt(page, request, code):
    return views.receipt(request, page, code)


def question_vote(page, request, question_id):
    return views.vote(request, page, question_id)


def question_lookup(page, request):
    return views.lookup_receipt(request, page)


def board_context(session, request, now):
    """The board as the session page shows it: when it is open, the counts and one page of the
    published questions. This language's own publication opens its board for reading; the ask
    view checks the default-language session, which the questions belong to."""
    window = board_window(session, now)
    context = {"board": window}
    if window.has_opened:
        counts = question_counts(session)
        order, questions = published_page(
            session,
            request.GET.get("order", ""),
            request.GET.get("qpage"),
            published_count=counts["published"],
        )
        attach_fates(questions.object_list, session)
        context.update(question_counts=counts, questions_order=order, published_questions=questions)
    columns = [
        page for page in ancestors_below_the_root(session) if isinstance(page, TalkIndexPage)
    ]
    if columns:
        column = columns[-1]
        context["question_lookup_url"] = column.get_url(request) + column.reverse_subpage(
            "question_lookup"
        )
    return context


QUESTION_BOARD = PageFeature(
    page_type="onlinetalk.TalkSessionPage",
    name="questions",
    routes=(
        path("ask/", ask_question, name="ask_question"),
        path("questions/<str:code>/", question_receipt, name="question_receipt"),
        path("questions/<int:question_id>/vote/", question_vote, name="question_vote"),
    ),
    template="onlinetalk/questions/includes/board.html",
    get_context=board_context,
    order=50,
)

QUESTION_LOOKUP = PageFeature(
    page_type="onlinetalk.TalkIndexPage",
    name="question_lookup",
    routes=(path("questions/lookup/", question_lookup, name="question_lookup"),),
)
