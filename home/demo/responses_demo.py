"""The demo's hot responses (热点回应): the column, and one published response per 2022 session
that took place, with its replies, the commitments made live and their dated progress, and the
adoption of citizens' suggestions (responses_2022). Idempotent: a session that has its response
is left as it is.

Each response is published "as of" its 2022 date (`publication_time`), so the session's
replies-published fact and its questions' "answered in the hot response" fate carry that date,
through the same publication effects as an editor's (responses.publication).
"""

import datetime
import io
import uuid

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone, translation
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from onlinetalk.questions.models import (
    CitizenQuestion,
    QuestionAction,
    QuestionCategory,
    QuestionEvent,
)
from onlinetalk.responses.commitments import Progress, make_commitment, record_progress
from onlinetalk.responses.lateness import publication_time
from onlinetalk.responses.models import Commitment, HotResponseIndexPage, HotResponsePage
from onlinetalk.schedule.models import AnnualSchedulePage
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import ScheduleChange
from onlinetalk.workdays import working_days_after

from . import responses_2022 as data

PUBLISHED_AT = datetime.time(16, 0)  # responses go out in the afternoon


def _html(paragraphs):
    return "".join(f"<p>{chinese}</p>" for chinese, _english in paragraphs)


def _local(day, time=PUBLISHED_AT):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def publication_date(session, entry):
    """The day the response went out: the n-th working day after the session day, or the date
    given (the late one)."""
    published = entry["published"]
    if isinstance(published, datetime.date):
        return published
    return working_days_after(timezone.localtime(session.start).date(), published).date


def _body_for(session, entry, questions, commitments):
    """The response's body in the StreamField's raw format: a reply block per reply, a progress
    block per commitment, an adoption block per suggestion. `questions` maps a question's text
    to the question; `commitments` are the session's commitments in the order of the entry.

    (The lead may replace this by `prefill.draft_response(session, user)` + the replies.)"""
    body = []
    for reply in entry["replies"]:
        body.append(
            {
                "type": "reply",
                "id": str(uuid.uuid4()),
                "value": {
                    "questions": [
                        {"type": "item", "value": questions[text].pk, "id": str(uuid.uuid4())}
                        for text in reply["questions"]
                    ],
                    "question_summary": reply["question_summary"][0],
                    "reply": _html(reply["reply"]),
                    "answered_by": reply["answered_by"][0],
                },
            }
        )
    for commitment in commitments:
        body.append(
            {
                "type": "commitment",
                "id": str(uuid.uuid4()),
                "value": {"commitment": commitment.pk, "note": ""},
            }
        )
    for suggestion in entry["suggestions"]:
        body.append(
            {
                "type": "suggestion",
                "id": str(uuid.uuid4()),
                "value": {
                    "suggestion": suggestion["suggestion"][0],
                    "adoption": suggestion["adoption"],
                    "explanation": _html(suggestion["explanation"]),
                    "live_entry": None,
                },
            }
        )
    return body


def _strings(entry, slug):
    """Source → English strings of a response (rich text paragraph by paragraph)."""
    pairs = [entry["title"], entry["summary"], (slug, slug)]
    if "late_explanation" in entry:
        pairs.append(entry["late_explanation"])
    for reply in entry["replies"]:
        pairs += [reply["question_summary"], reply["answered_by"], *reply["reply"]]
    for suggestion in entry["suggestions"]:
        pairs += [suggestion["suggestion"], *suggestion["explanation"]]
    return dict(pairs)


def _picture(title, kind):
    """A photo for a progress update, drawn here (no network): a PNG made with Pillow."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    if kind == "night":
        picture = PILImage.new("RGB", (960, 540), (18, 28, 58))
        draw = ImageDraw.Draw(picture)
        draw.rectangle((0, 330, 960, 540), fill=(24, 60, 96))  # the sea
        draw.polygon([(0, 540), (960, 380), (960, 450), (120, 540)], fill=(150, 140, 120))
        for index in range(6):
            x = 120 + 150 * index
            draw.line((x, 200 + 20 * index, x, 470 - 12 * index), fill=(90, 90, 90), width=6)
            draw.ellipse((x - 18, 185 + 20 * index, x + 18, 215 + 20 * index), fill=(255, 226, 140))
        draw.ellipse((640, 360, 670, 390), fill=(240, 200, 170))  # a runner
        draw.rectangle((642, 390, 668, 440), fill=(214, 40, 40))
    else:
        picture = PILImage.new("RGB", (960, 540), (214, 230, 245))
        draw = ImageDraw.Draw(picture)
        draw.rectangle((0, 420, 960, 540), fill=(110, 110, 110))  # the road
        draw.rounded_rectangle((140, 210, 760, 430), radius=24, fill=(30, 140, 70))  # the bus
        for x in range(180, 700, 110):
            draw.rectangle((x, 240, x + 80, 320), fill=(220, 240, 250))  # windows
        for x in (240, 640):
            draw.ellipse((x - 40, 400, x + 40, 480), fill=(30, 30, 30))  # wheels
        draw.rectangle((800, 180, 930, 430), fill=(11, 79, 156))  # the stop's sign
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = Image(title=title, file=ImageFile(buffer, name=f"demo-progress-{kind}.png"))
    image.save()
    return image


class HotResponsesDemo:
    def __init__(self, loader):
        self.loader = loader
        self.log = loader.log
        self.chinese = loader.chinese
        self.english = loader.english

    def run(self, home):
        column = self.column(home)
        year = (
            AnnualSchedulePage.objects.filter(locale=self.chinese, year=2022)
            .order_by("path")
            .first()
        )
        if year is None:
            return
        sessions = {
            session.slug: session
            for session in TalkSessionPage.objects.child_of(year).filter(locale=self.chinese)
        }
        with translation.override(settings.LANGUAGE_CODE):
            for entry in data.RESPONSES:
                session = sessions.get(entry["session"])
                if session is None or session.schedule_change != ScheduleChange.NONE:
                    continue  # not in this database, or it did not take place
                self.response(column, session, entry)

    def column(self, home):
        column = HotResponseIndexPage.objects.child_of(home).filter(slug=data.INDEX["slug"]).first()
        if column is None:
            column = home.add_child(
                instance=HotResponseIndexPage(
                    title=data.INDEX["title"][0],
                    slug=data.INDEX["slug"],
                    intro=data.INDEX["intro"][0],
                )
            )
            self.loader._publish(column)
            self.log(f"+ page: {column.title}")
        self.loader._translate(
            column,
            {
                data.INDEX["title"][0]: data.INDEX["title"][1],
                _paragraph(data.INDEX["intro"][0]): _paragraph(data.INDEX["intro"][1]),
                column.slug: column.slug,
            },
        )
        return column

    def response(self, column, session, entry):
        strings = _strings(entry, session.slug)
        existing = HotResponsePage.objects.filter(session=session, locale=self.chinese).first()
        if existing is not None:
            self.loader._translate(existing, strings)
            return
        questions = self.questions(session, entry)
        commitments = self.commitments(session, entry)
        at = _local(publication_date(session, entry))
        page = HotResponsePage(
            title=entry["title"][0],
            slug=session.slug,
            session=session,
            summary=entry["summary"][0],
            body=_body_for(session, entry, questions, commitments),
            late_explanation=entry.get("late_explanation", ("", ""))[0],
        )
        column.add_child(instance=page)
        revision = page.save_revision()
        before = timezone.now()
        with publication_time(at):
            revision.publish()
        answered = [questions[text].pk for reply in entry["replies"] for text in reply["questions"]]
        # The answers' history entries carry the day of the response, like its fact.
        QuestionEvent.objects.filter(
            question_id__in=answered, action=QuestionAction.ANSWERED_LATER, at__gte=before
        ).update(at=at)
        page = HotResponsePage.objects.get(pk=page.pk)
        _date_history(page, at)
        self.log(f"+ hot response: {page.title}")
        self.loader._translate(page, strings)
        english = page.get_translation_or_none(self.english)
        if english is not None:
            _date_history(english, at)

    def questions(self, session, entry):
        """The session's questions by text, after adding the entry's that are missing (accepted
        before the session, with consent, as questions_demo's are)."""
        known = set(CitizenQuestion.objects.filter(session=session).values_list("text", flat=True))
        missing = [
            (nickname, text, "zh-hans", "accepted", category, upvotes, {})
            for nickname, text, category, upvotes in entry["questions"]
            if text not in known
        ]
        if missing:
            categories = {
                category.name: category
                for category in QuestionCategory.objects.filter(locale=self.chinese)
            }
            self.loader._add_questions(session, missing, categories)
            self.log(f"+ questions: {session.title}")
        return {
            question.text: question for question in CitizenQuestion.objects.filter(session=session)
        }

    def commitments(self, session, entry):
        """The session's commitments in the entry's order, made (and brought up to date) when the
        session has none yet."""
        existing = list(Commitment.objects.filter(session=session).order_by("made_at", "pk"))
        if existing:
            return existing
        unit = session.departments.first()
        made = []
        for item in entry["commitments"]:
            made_at = session.start + datetime.timedelta(minutes=5 + 20 * item["exchange"])
            commitment = make_commitment(
                session=session,
                department=unit,
                text=item["text"],
                owner=item["owner"],
                made_at=made_at,
                expected_on=item["expected_on"],
            )
            for step in item["updates"]:
                photo = None
                photo_alt = ""
                if "photo" in step:
                    title, photo_alt, drawing = step["photo"]
                    photo = _picture(title, drawing)
                record_progress(
                    commitment,
                    Progress(
                        status=step["status"],
                        progress=step["progress"],
                        note=step["note"],
                        author=item["owner"],
                        dropped_reason=step.get("reason", ""),
                        photo=photo,
                        photo_alt=photo_alt,
                    ),
                    at=_local(step["on"], datetime.time(17, 0)),
                )
            made.append(commitment)
        self.log(f"+ commitments: {session.title}")
        return made


def _paragraph(html):
    return html.removeprefix("<p>").removesuffix("</p>")


def _date_history(page, at):
    """Wagtail's own bookkeeping of the publication (first and last published, the revision,
    the log) says 2022 too, as the demo's history has it."""
    Page.objects.filter(pk=page.pk).update(
        first_published_at=at, last_published_at=at, latest_revision_created_at=at
    )
    Revision.page_revisions.filter(object_id=str(page.pk)).update(created_at=at)
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=at)
