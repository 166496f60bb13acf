"""What citizens see of the questions: counts and the published list of one session."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from onlinetalk.localization import localize_objects

from .models import ACCEPTED_STATUSES, CitizenQuestion, QuestionStatus

PUBLISHED = Q(status__in=ACCEPTED_STATUSES, consent_to_publish=True)
ORDERS = {"newest": ("-submitted_at", "-pk"), "wanted": ("-upvotes", "-submitted_at", "-pk")}
PER_PAGE = 20


def questions_of(session):
    """Questions of a session in any of its languages (they are stored on the default one)."""
    return CitizenQuestion.objects.filter(session__translation_key=session.translation_key)


def question_counts(session):
    """Received, accepted, still awaiting their answer, answered live, answered later, merged, declined, and how many are
    published (accepted with consent) — one query."""
    counts = questions_of(session).aggregate(
        received=Count("pk"),
        accepted=Count("pk", filter=Q(status__in=ACCEPTED_STATUSES)),
        # Accepted and still without a fate: neither answered live nor in the hot response.
        awaiting=Count("pk", filter=Q(status=QuestionStatus.ACCEPTED)),
        answered_live=Count("pk", filter=Q(status=QuestionStatus.ANSWERED_LIVE)),
        answered_later=Count("pk", filter=Q(status=QuestionStatus.ANSWERED_LATER)),
        merged=Count("pk", filter=Q(status=QuestionStatus.MERGED)),
        declined=Count("pk", filter=Q(status=QuestionStatus.REJECTED)),
        published=Count("pk", filter=Q(PUBLISHED)),
    )
    return counts


def published_questions(session):
    return (
        questions_of(session)
        .filter(PUBLISHED)
        .annotate(also_asked=Count("merged_questions"))
        .select_related("category")
        .defer("contact", "address_hash", "text_hash")  # never needed in public
    )


def published_page(session, order, page_number, *, published_count=None):
    """One page of the published questions, each with `category_name` in the reader's language.
    `published_count`, when the counts are known already, spares the paginator its count."""
    order = order if order in ORDERS else "wanted"
    paginator = Paginator(published_questions(session).order_by(*ORDERS[order]), PER_PAGE)
    if published_count is not None:
        paginator.count = published_count
    page = paginator.get_page(page_number)
    questions = list(page.object_list)
    categories = localize_objects(question.category for question in questions)
    for question, category in zip(questions, categories, strict=True):
        question.category_name = category.name if category else ""
    page.object_list = questions
    return order, page
