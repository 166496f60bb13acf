"""What citizens see of the questions: counts and the published list of one session."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from onlinetalk.localization import localize_objects

from .models import ACCEPTED_STATUSES, CitizenQuestion, QuestionStatus

ORDERS = {"newest": ("-submitted_at", "-pk"), "wanted": ("-upvotes", "-submitted_at", "-pk")}
PER_PAGE = 20


def questions_of(session):
    """Questions of a session in any of its languages (they are stored on the default one)."""
    return CitizenQuestion.objects.filter(session__translation_key=session.translation_key)


def question_counts(session):
    """Received, accepted, answered live, answered later, merged, declined — one query."""
    counts = questions_of(session).aggregate(
        received=Count("pk"),
        accepted=Count("pk", filter=Q(status__in=ACCEPTED_STATUSES)),
        answered_live=Count("pk", filter=Q(status=QuestionStatus.ANSWERED_LIVE)),
        answered_later=Count("pk", filter=Q(status=QuestionStatus.ANSWERED_LATER)),
        merged=Count("pk", filter=Q(status=QuestionStatus.MERGED)),
        declined=Count("pk", filter=Q(status=QuestionStatus.REJECTED)),
    )
    return counts


def published_questions(session):
    return (
        questions_of(session)
        .filter(status__in=ACCEPTED_STATUSES, consent_to_publish=True)
        .annotate(also_asked=Count("merged_questions"))
        .select_related("category")
        .defer("contact", "address_hash", "text_hash")  # never needed in public
    )


def published_page(session, order, page_number):
    """One page of the published questions, each with `category_name` in the reader's language."""
    order = order if order in ORDERS else "wanted"
    paginator = Paginator(published_questions(session).order_by(*ORDERS[order]), PER_PAGE)
    page = paginator.get_page(page_number)
    questions = list(page.object_list)
    categories = localize_objects(question.category for question in questions)
    for question, category in zip(questions, categories, strict=True):
        question.category_name = category.name if category else ""
    page.object_list = questions
    return order, page
