"""The extension's settings. A host site overrides any of them with ONLINETALK_<NAME>."""

from django.conf import settings

DEFAULTS = {
    # Template that every public page of the extension extends: the host site's own base.
    "BASE_TEMPLATE": "onlinetalk/base.html",
    # Group names for the portal office; unit groups are named "<unit name><suffix>".
    "OFFICE_EDITORS_GROUP": "市政府办公室-编辑",
    "OFFICE_APPROVERS_GROUP": "市政府办公室-审核",
    "UNIT_EDITORS_SUFFIX": "-编辑",
    "UNIT_REVIEWERS_SUFFIX": "-审核",
    # The column's two-step workflow and its tasks, as setup_portal names them.
    "WORKFLOW_NAME": "单位审核 → 市政府办公室审批",
    "UNIT_REVIEW_TASK_NAME": "单位审核",
    "OFFICE_APPROVAL_TASK_NAME": "市政府办公室审批",
    # Where sessions take place unless the session page says otherwise (the notice's venue).
    "DEFAULT_VENUE": "珠海信息大厦一楼市政府“在线交流专区”",
    "DEFAULT_DURATION_MINUTES": 60,
    # Who issues the year's notice: the issuing office of a year page that import_schedule creates.
    "DEFAULT_ISSUING_OFFICE": "珠海市人民政府办公室",
    # The notice's milestones, relative to a session's start.
    "PLAN_DAYS_BEFORE": 15,
    "ANNOUNCEMENT_DAYS_BEFORE": 7,
    "BRIEFING_DAYS_BEFORE": 1,
    "REHEARSAL_DAYS_BEFORE": 1,
    "REHEARSAL_TIME": "14:30",
    "REPLY_WORKING_DAYS": 10,
    # Domain part of the iCalendar UIDs: keep it fixed once calendars are published.
    "CALENDAR_UID_DOMAIN": "minsheng-online",
    # Citizens' questions: limits of the board (see onlinetalk/questions/).
    "QUESTION_MIN_LENGTH": 10,
    "QUESTION_MAX_LENGTH": 1000,
    "QUESTIONS_PER_ADDRESS": 5,  # per address within QUESTION_RATE_WINDOW_MINUTES
    "QUESTIONS_PER_SESSION": 300,  # per session within the same window, from all addresses
    "QUESTION_RATE_WINDOW_MINUTES": 10,
    "QUESTION_DUPLICATE_MINUTES": 60,  # the same text from the same address counts once
    "QUESTION_MIN_FILL_SECONDS": 3,  # faster than this is a program, not a person
    "QUESTION_FORM_MAX_AGE_HOURS": 2,  # a form's token is good this long, from its address only
    "VOTES_PER_ADDRESS": 20,  # “I want to ask this too” clicks per address within the window
    # “I want to ask this too” per question from one address, whatever its cookies say (a
    # household or an office shares one address).
    "VOTES_PER_QUESTION_PER_ADDRESS": 3,
    "CONTACT_RETENTION_DAYS": 180,  # after the session's hot response is published
    # How many reverse proxies of the site's own append to X-Forwarded-For (0: use REMOTE_ADDR).
    "TRUSTED_PROXY_COUNT": 0,
    # Salt of the address hashes; empty: derived from SECRET_KEY.
    "ADDRESS_SALT": "",
    # The live broadcast (see onlinetalk/live/). The cache must be shared by every process.
    "LIVE_CACHE": "default",
    "LIVE_CACHE_SECONDS": 600,  # how long a state or an answer stays without a change
    "LIVE_POLL_SECONDS": 5,  # readers poll this often while the tab is visible
    "LIVE_POLL_HIDDEN_SECONDS": 30,  # and this often while it is hidden
    "LIVE_POLL_MAX_AGE": 3,  # Cache-Control max-age of an answer, for CDNs and proxies
    "LIVE_POLL_STALE_SECONDS": 10,  # Cache-Control stale-while-revalidate
    "LIVE_POLL_GRACE_MINUTES": 30,  # readers keep polling this long after the end
    "LIVE_POLL_WINDOW": 50,  # changes in one answer; a reader further behind asks for the rest
    "LIVE_CHANGES_LIMIT": 500,  # changes in a catch-up answer; beyond it the reader reloads
    "LIVE_PAGE_SIZE": 30,  # entries the page shows at first, and per "earlier entries"
    "LIVE_OPENS_MINUTES_BEFORE": 60,  # the public stream takes posts from this long before
    # Reminders (onlinetalk/reminders/): when each milestone's reminders go out. Day-based
    # reminders go out at REMINDER_TIME (local time) on their day.
    "REMINDER_TIME": "09:00",
    "REMINDER_PLAN_DAYS_BEFORE": 3,  # then on the day, then daily while overdue
    "REMINDER_ANNOUNCEMENT_DAYS_BEFORE": 1,  # before its go-live, if the page is not approved
    "REMINDER_BRIEFING_DAYS_BEFORE": 1,  # the question briefing, before the session day
    "REMINDER_REHEARSAL_DAYS_BEFORE": 1,  # the morning of the rehearsal's day
    "REMINDER_LIVE_MINUTES_BEFORE": 60,
    "REMINDER_REPLY_WORKING_DAYS": (7, 9),  # working days after the session, if unpublished
    "REMINDER_COMMITMENT_DAYS_BEFORE": 7,  # then monthly while overdue
    "REMINDER_DIGEST_TIME": "09:00",  # the Office's overdue digest, on working days
    "REMINDER_MAX_ATTEMPTS": 4,  # sending attempts before a reminder is recorded as failed
    "REMINDER_RETRY_MINUTES": (5, 15, 45),  # the waits between attempts (then the last repeats)
    "REMINDER_BATCH": 200,  # reminders one scan sends at most (the next scan sends the rest)
    # Open data (responses/opendata.py): Cache-Control max-age of the JSON and CSV downloads.
    "OPEN_DATA_MAX_AGE": 300,
    # Search (onlinetalk/segmentation/, onlinetalk/search/): extra dictionary words (local place
    # names, programme terms) beside the units' names, and the limits of the public search.
    "SEARCH_WORDS": (),
    "SEARCH_RESULTS_PER_PAGE": 10,
    "SEARCH_MAX_QUERY_LENGTH": 200,
    "SEARCH_SIMILAR_ANSWERS": 5,  # answers shown beside the ask form
    "SEARCH_SIMILAR_MAX_LENGTH": 300,  # characters of the typed text the endpoint looks at
    "SEARCH_SIMILAR_MAX_AGE": 300,  # Cache-Control max-age of the similar-answers endpoint
}


def get_setting(name):
    return getattr(settings, f"ONLINETALK_{name}", DEFAULTS[name])
