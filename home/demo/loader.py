"""Builds the demo site idempotently: what exists is left as it is, what is missing is made."""

import datetime
import io
import re

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from home.models import HomePage
from home.site_url import configure_default_site
from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department, Leader
from onlinetalk.live.render import public_entries
from onlinetalk.live.stream import EntryInput, correct_entry, post_entry, retract_entry
from onlinetalk.live.transcript import compile_transcript
from onlinetalk.localization import translate_in_code
from onlinetalk.questions import moderation
from onlinetalk.questions.models import (
    CitizenQuestion,
    QuestionCategory,
    QuestionEvent,
    ReviewWord,
)
from onlinetalk.questions.receipts import new_receipt_code
from onlinetalk.questions.text import text_fingerprint
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot, TalkIndexPage
from onlinetalk.sessions.models import SessionLeader, TalkSessionPage

from . import broadcast_demo, questions_demo, responses_demo
from . import programme_2022 as demo
from . import sessions_2022 as demo_sessions

VENUE_ENGLISH = "Online exchange area, ground floor, Zhuhai Information Building"


def _paragraph_text(html):
    return re.sub(r"^<p>|</p>$", "", html)


def _strings(*pairs):
    """Source → translation map for translate_in_code; rich text is matched per paragraph."""
    strings = {}
    for chinese, english in pairs:
        strings[_paragraph_text(chinese)] = _paragraph_text(english)
    return strings


class DemoLoader:
    def __init__(self, log=print, now=None):
        self.log = log
        self.now = now or timezone.now()
        self.chinese = Locale.get_default()
        self.english = Locale.objects.get(language_code="en")

    @transaction.atomic
    def run(self):
        self.site()
        home = self.home()
        units = self.units()
        column = self.column(home)
        year = self.year_2022(column, units)
        leaders = self.leaders(units)
        self.sessions_2022(year, units, leaders)
        self.showcase(column, units, leaders)
        self.questions()
        self.broadcasts(units, leaders)
        self.hot_responses(home)

    def _publish(self, page):
        page.save_revision().publish()
        page.refresh_from_db()

    def _translate(self, instance, strings):
        if instance.get_translation_or_none(self.english) is None:
            translate_in_code(instance, self.english, strings)
            self.log(f"+ English: {instance}")

    def site(self):
        """Absolute links (iCalendar, the sitemap) use the configured public URL, not the
        migrations' `localhost:80`."""
        site, changed = configure_default_site()
        if changed:
            self.log(f"~ default site: {site.root_url}")

    def home(self):
        home = HomePage.objects.get(locale=self.chinese, depth=2)
        if not home.intro:
            home.title, home.draft_title = demo.HOME["title"][0], demo.HOME["title"][0]
            home.intro = demo.HOME["intro"][0]
            self._publish(home)
            self.log("~ home page text")
        self._translate(home, _strings(demo.HOME["title"], demo.HOME["intro"]))
        return home

    def units(self):
        units = {}
        for name, short_name, english_name, english_short, mailbox in demo.UNITS:
            unit, created = Department.objects.get_or_create(
                locale=self.chinese,
                name=name,
                defaults={
                    "short_name": short_name,
                    "reminder_email": f"{mailbox}@example.gov.cn",
                },
            )
            if created:
                self.log(f"+ unit: {name}")
            self._translate(unit, {name: english_name, short_name: english_short})
            units[name] = unit
        return units

    def column(self, home):
        column = TalkIndexPage.objects.child_of(home).filter(slug=demo.COLUMN["slug"]).first()
        if column is None:
            column = home.add_child(
                instance=TalkIndexPage(
                    title=demo.COLUMN["title"][0],
                    slug=demo.COLUMN["slug"],
                    intro=demo.COLUMN["intro"][0],
                )
            )
            self._publish(column)
            self.log(f"+ page: {column.title}")
        self._translate(
            column.specific,
            _strings(demo.COLUMN["title"], demo.COLUMN["intro"], (column.slug, column.slug)),
        )
        return column

    def year_2022(self, column, units):
        year = AnnualSchedulePage.objects.child_of(column).filter(slug=demo.YEAR["slug"]).first()
        if year is None:
            year = AnnualSchedulePage(
                title=demo.YEAR["title"][0],
                slug=demo.YEAR["slug"],
                year=demo.YEAR["year"],
                issuing_office=demo.YEAR["issuing_office"][0],
                issue_date=demo.YEAR["issue_date"],
                first_month=demo.YEAR["first_month"],
                last_month=demo.YEAR["last_month"],
                join_deadline=demo.YEAR["join_deadline"],
                notice="".join(f"<p>{chinese}</p>" for chinese, _ in demo.NOTICE),
            )
            slots = []
            for order, (month, names) in enumerate(demo.ANNEX):
                slot = ScheduleSlot(month=month, sort_order=order)
                slot.departments.set([units[name] for name in names])
                slots.append(slot)
            year.schedule_slots.set(slots)
            column.add_child(instance=year)
            self._publish(year)
            self.log(f"+ page: {year.title}")
        self._translate(
            year,
            _strings(
                demo.YEAR["title"],
                demo.YEAR["issuing_office"],
                (year.slug, year.slug),
                *demo.NOTICE,
            ),
        )
        return year

    # --- leaders and sessions -------------------------------------------------------------

    def leaders(self, units):
        leaders = {}
        for entry in demo_sessions.SESSIONS:
            (name, english_name), (position, english_position) = entry["leader"]
            leader, created = Leader.objects.get_or_create(
                locale=self.chinese,
                name=name,
                defaults={
                    "position": position,
                    "department": units[entry["unit"]],
                    "biography": f"{position}，{demo_sessions.GUEST_INTRO[0]}",
                },
            )
            if created:
                self.log(f"+ leader: {name}")
            self._translate(
                leader,
                {
                    name: english_name,
                    position: english_position,
                    leader.biography: f"{english_position}. {demo_sessions.GUEST_INTRO[1]}",
                },
            )
            leaders[entry["unit"]] = leader
        return leaders

    def _session_content(self, entry, leader, start_time):
        """Announcement and transcript blocks, and the source → English strings of them all."""
        unit_english = next(u[2] for u in demo.UNITS if u[0] == entry["unit"])
        opening = (
            demo_sessions.OPENING[0].format(unit=entry["unit"]),
            demo_sessions.OPENING[1].format(unit=unit_english),
        )
        announcement = [
            ("guest_introduction", {"leader": leader, "introduction": ""}),
            (
                "topic_list",
                {
                    "heading": demo_sessions.TOPICS_HEADING[0],
                    "topics": [chinese for chinese, _ in entry["topics"]],
                },
            ),
            ("rich_text", RichText(f"<p>{entry['summary'][0]}</p>")),
        ]
        transcript = [("host_remark", {"remark": opening[0], "time": start_time})]
        for index, ((asker, _), (question, _), (answer, _)) in enumerate(entry["exchanges"]):
            transcript.append(
                (
                    "qa_exchange",
                    {
                        "asker": asker,
                        "question": question,
                        "leader": leader,
                        "answer": RichText(f"<p>{answer}</p>"),
                        "time": (
                            datetime.datetime.combine(datetime.date.today(), start_time)
                            + datetime.timedelta(minutes=5 + 20 * index)
                        ).time(),
                    },
                )
            )
        transcript.append(("host_remark", {"remark": demo_sessions.CLOSING[0], "time": None}))
        pairs = [
            entry["title"],
            entry["summary"],
            demo_sessions.TOPICS_HEADING,
            demo_sessions.CLOSING,
            demo_sessions.HOST,
            opening,
            (get_setting("DEFAULT_VENUE"), VENUE_ENGLISH),
            *entry["topics"],
            *[pair for exchange in entry["exchanges"] for pair in exchange],
        ]
        return announcement, transcript, dict(pairs)

    def _add_session(self, year, slug, entry, start, units, leaders, *, transcript=True):
        """A new (unpublished) session and its English strings; None if it exists already."""
        if TalkSessionPage.objects.child_of(year).filter(slug=slug).exists():
            return None
        unit = units[entry["unit"]]
        leader = leaders[entry["unit"]]
        announcement, transcript_blocks, strings = self._session_content(
            entry, leader, timezone.localtime(start).time().replace(second=0, microsecond=0)
        )
        session = TalkSessionPage(
            title=entry["title"][0],
            slug=slug,
            summary=entry["summary"][0],
            start=start,
            host=demo_sessions.HOST[0],
            announcement=announcement,
            transcript=transcript_blocks if transcript else [],
            announced_at=self._announced_at(start),
            live=False,  # a draft until it is published, as in the admin
        )
        session.session_leaders = [SessionLeader(leader=leader)]
        session.departments.set([unit])
        year.add_child(instance=session)
        strings[slug] = slug
        return session, strings

    def _announced_at(self, start):
        """The demo's history: each announcement went public a week before its session, as
        scheduled publishing does (the page records the fact itself when it is first published
        live; a page created with its history keeps it). None for one still in the future."""
        announced = start - datetime.timedelta(days=get_setting("ANNOUNCEMENT_DAYS_BEFORE"))
        return announced if announced <= self.now else None

    def sessions_2022(self, year, units, leaders):
        for entry in demo_sessions.SESSIONS:
            month, day, hour = entry["start"]
            start = timezone.make_aware(datetime.datetime(2022, month, day, hour, 0))
            added = self._add_session(year, entry["slug"], entry, start, units, leaders)
            if added is not None:
                session, strings = added
                self._publish(session)
                self.log(f"+ session: {session.title}")
                self._translate(session, strings)

    def showcase(self, column, units, leaders):
        """Four sessions around "now": live, announced, ended yesterday, planned in 3 weeks."""
        today = timezone.localtime(self.now)
        starts = {
            "live": today.replace(second=0, microsecond=0) - datetime.timedelta(minutes=20),
            "announced": (today + datetime.timedelta(days=3)).replace(
                hour=10, minute=0, second=0, microsecond=0
            ),
            "ended": (today - datetime.timedelta(days=1)).replace(
                hour=10, minute=0, second=0, microsecond=0
            ),
            "planned": (today + datetime.timedelta(weeks=3)).replace(
                hour=10, minute=0, second=0, microsecond=0
            ),
        }
        entries_by_unit = {entry["unit"]: entry for entry in demo_sessions.SESSIONS}
        years_with_new_slots = {}
        for showcase in demo_sessions.SHOWCASE:
            start = starts[showcase["key"]]
            year = self._year_page(column, start.year, start.month)
            entry = {**entries_by_unit[showcase["unit"]], **showcase}
            slug = f"showcase-{showcase['key']}"
            # The ended one's transcript is compiled from its stream (broadcasts).
            added = self._add_session(year, slug, entry, start, units, leaders, transcript=False)
            if added is None:
                continue
            session, strings = added
            self._add_slot(year, start.month, units[showcase["unit"]], session)
            years_with_new_slots[year.pk] = year
            if showcase["key"] == "planned":
                # Scheduled publishing: the announcement goes live a week ahead.
                session.go_live_at = start - datetime.timedelta(days=7)
                session.save_revision().publish()
            else:
                self._publish(session)
            self.log(f"+ showcase session ({showcase['key']}): {session.title}")
            self._translate(session, strings)
        for year in years_with_new_slots.values():
            # The English year page was made before these slots: bring its annex up to date.
            year = AnnualSchedulePage.objects.get(pk=year.pk)
            translate_in_code(year, self.english, {})

    def questions(self):
        categories = {}
        for chinese, english, order in questions_demo.CATEGORIES:
            category, _created = QuestionCategory.objects.get_or_create(
                locale=self.chinese, name=chinese, defaults={"sort_order": order}
            )
            if category.get_translation_or_none(self.english) is None:
                translation = category.copy_for_translation(self.english)
                translation.name = english
                translation.save()
            categories[chinese] = category
        for word, note in questions_demo.REVIEW_WORDS:
            ReviewWord.objects.get_or_create(word=word, defaults={"note": note})
        sessions = {
            session.slug: session for session in TalkSessionPage.objects.filter(locale=self.chinese)
        }
        boards = [
            ("showcase-announced", questions_demo.ANNOUNCED),
            *list(questions_demo.PAST.items()),
        ]
        for slug, entries in boards:
            session = sessions.get(slug)
            if session is None or CitizenQuestion.objects.filter(session=session).exists():
                continue
            self._add_questions(session, entries, categories)
            self.log(f"+ questions: {session.title}")
        live = sessions.get("showcase-live")
        if live is not None and not CitizenQuestion.objects.filter(session=live).exists():
            # Sent in pending, accepted by the moderation service, as editors do.
            pending = [(*entry[:3], "pending", *entry[4:]) for entry in questions_demo.LIVE]
            created = self._add_questions(live, pending, categories)
            moderation.accept(
                [
                    question
                    for question, entry in zip(created, questions_demo.LIVE, strict=True)
                    if entry[3] == "accepted"
                ],
                None,
            )
            self.log(f"+ questions: {live.title}")

    def _add_questions(self, session, entries, categories):
        asked_from = session.announced_at or self.now
        created = []
        for index, (nickname, text, language, status, category, upvotes, extra) in enumerate(
            entries
        ):
            asked_at = min(asked_from + datetime.timedelta(hours=5 * index + 1), self.now)
            question = CitizenQuestion.objects.create(
                session=session,
                nickname=nickname,
                text=text,
                language=language,
                consent_to_publish=True,
                submitted_at=asked_at,
                status=status,
                category=categories.get(category),
                upvotes=upvotes,
                flagged=extra.get("flagged", False),
                flagged_words="投诉" if extra.get("flagged") else "",
                rejection_reason=extra.get("reason", ""),
                merged_into=created[extra["into"]] if "into" in extra else None,
                contact="13800000000" if index % 2 else "",
                receipt_code=new_receipt_code(),
                address_hash=f"demo-{index}",
                text_hash=text_fingerprint(text),
            )
            QuestionEvent.objects.create(question=question, at=asked_at, action="submitted")
            if status != "pending":
                QuestionEvent.objects.create(
                    question=question,
                    at=asked_at + datetime.timedelta(hours=1),
                    action={"merged": "merged"}.get(status, status),
                    note=extra.get("reason", ""),
                )
            created.append(question)
        return created

    # --- the live broadcasts ---------------------------------------------------------------

    def broadcasts(self, units, leaders):
        """The live showcase's stream so far, and the ended showcase's stream with its compiled
        transcript, published and translated. Posted through the console's services."""
        sessions = {
            session.slug: session
            for session in TalkSessionPage.objects.filter(
                locale=self.chinese, slug__in=["showcase-live", "showcase-ended"]
            )
        }
        live = sessions.get("showcase-live")
        if live is not None and not public_entries(live.pk).exists():
            questions = list(CitizenQuestion.objects.filter(session=live).order_by("pk"))
            self._post_stream(live, broadcast_demo.LIVE_STREAM, questions)
            self.log(f"+ live stream: {live.title}")
        ended = sessions.get("showcase-ended")
        if ended is not None and not public_entries(ended.pk).exists():
            strings = self._post_stream(ended, broadcast_demo.ENDED_STREAM, [])
            draft = ended.get_latest_revision_as_object()
            if draft.transcript:
                # A transcript written by hand before the demo compiled one: replaced.
                draft.transcript = []
                draft.save_revision()
            compile_transcript(ended, None, submit=False).publish()
            ended = TalkSessionPage.objects.get(pk=ended.pk)
            entry = {
                **next(e for e in demo_sessions.SESSIONS if e["unit"] == "市民政局"),
                **next(e for e in demo_sessions.SHOWCASE if e["key"] == "ended"),
            }
            leader = leaders[entry["unit"]]
            _announcement, _transcript, session_strings = self._session_content(
                entry, leader, timezone.localtime(ended.start).time()
            )
            translate_in_code(ended, self.english, {**session_strings, **strings})
            self.log(f"+ live stream and transcript: {ended.title}")

    # --- the hot responses -------------------------------------------------------------------

    def hot_responses(self, home):
        """The 热点回应 column and a published response for every 2022 session held."""
        responses_demo.HotResponsesDemo(self).run(home)

    def _photo(self, title):
        """A photo of the studio, drawn here (no network): a PNG made with Pillow."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            return existing
        picture = PILImage.new("RGB", (960, 540), (231, 238, 246))
        draw = ImageDraw.Draw(picture)
        draw.rectangle((0, 380, 960, 540), fill=(120, 86, 60))  # the desk
        draw.rectangle((560, 80, 900, 330), fill=(255, 255, 255), outline=(11, 79, 156), width=6)
        for row, colour in enumerate([(214, 40, 40), (11, 79, 156), (30, 140, 70)]):
            draw.line((590, 130 + 70 * row, 870, 110 + 80 * row), fill=colour, width=8)
        for x, colour in ((200, (40, 60, 90)), (400, (90, 60, 40))):
            draw.ellipse((x - 45, 170, x + 45, 260), fill=(240, 200, 170))  # heads
            draw.rectangle((x - 80, 260, x + 80, 400), fill=colour)  # shoulders
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        image = Image(title=title, file=ImageFile(buffer, name="demo-live-studio.png"))
        image.save()
        return image

    def _post_stream(self, session, script, questions):
        """Post `script` (broadcast_demo) to the session's public stream; return the source →
        English strings of its texts (for a script written in pairs)."""
        leader = session.session_leaders.first().leader
        strings = {}

        def chinese(value):
            if isinstance(value, tuple):
                strings[value[0]] = value[1]
                return value[0]
            return value

        for step in script:
            moment = session.start + datetime.timedelta(minutes=step["minute"])
            fields = {"role": step["role"], "flag": step.get("flag", "")}
            if "question" in step:
                fields["question"] = questions[step["question"]]
            else:
                fields["text"] = chinese(step["text"])
            if step["role"] == "citizen" and "asker" in step:
                fields["asker"] = chinese(step["asker"])
            if step["role"] == "guest":
                fields["leader"] = leader
            if "image" in step:
                alt, caption = step["image"]
                fields.update(
                    image=self._photo(broadcast_demo.PHOTO_TITLE),
                    image_alt=chinese(alt),
                    image_caption=chinese(caption),
                )
            entry = post_entry(session, None, EntryInput(**fields), now=moment)
            if "correct" in step:
                minute, text = step["correct"]
                correct_entry(
                    entry,
                    None,
                    text=chinese(text),
                    image_alt=entry.image_alt,
                    image_caption=entry.image_caption,
                    flag=entry.flag,
                    now=session.start + datetime.timedelta(minutes=minute),
                )
            if "retract" in step:
                minute, reason = step["retract"]
                retract_entry(
                    entry, None, reason, now=session.start + datetime.timedelta(minutes=minute)
                )
        return strings

    def _year_page(self, column, year_number, month):
        """The showcase's year page; its programme spans the months of its showcase sessions."""
        year = AnnualSchedulePage.objects.child_of(column).filter(year=year_number).first()
        if year is not None:
            return year
        year = AnnualSchedulePage(
            title=f"{year_number}年市政府门户网站民生在线互动交流",
            slug=str(year_number),
            year=year_number,
            issuing_office=demo.YEAR["issuing_office"][0],
            first_month=month,
            last_month=month,
            notice=f"<p>{year_number}年“民生在线”活动安排（演示内容）。</p>",
        )
        column.add_child(instance=year)
        self._publish(year)
        self._translate(
            year,
            {
                year.title: f"Minsheng Online {year_number}",
                demo.YEAR["issuing_office"][0]: demo.YEAR["issuing_office"][1],
                f"{year_number}年“民生在线”活动安排（演示内容）。": (
                    f"The Minsheng Online programme of {year_number} (demo content)."
                ),
                year.slug: year.slug,
            },
        )
        return year

    def _add_slot(self, year, month, unit, session):
        """A row of the annex, added as an editor would: a new revision of the year page, its
        programme widened to the month if needed, published."""
        year = AnnualSchedulePage.objects.get(pk=year.pk)
        slot = ScheduleSlot(month=month, session=session, sort_order=month)
        slot.departments.set([unit])
        year.schedule_slots.add(slot)
        year.first_month = min(year.first_month, month)
        year.last_month = max(year.last_month, month)
        year.save_revision().publish()
