"""The readers' poll: every reader of a session asks the same URL, which answers with the latest
state of the stream — the entries changed since a version the answer carries — and is served
from the cache without a query while nothing changes.

Two cache entries per session: its *state* (the stream's current version, start and end), put
there by every post, correction and retraction after it commits (stream.py); and the *answer*
for one version, language and phase, built once from the database and then reused by every
reader, with its ETag. The phase (upcoming, live, ended) follows from the clock and the state, so
the answer tells readers to stop polling once the session has ended without anyone posting.

The cache must be shared by the site's processes (Redis in production): a per-process cache
would not see posts made in another process until its state expires.
"""

import datetime
import hashlib
import json
import time
from contextlib import contextmanager

from django.core.cache import caches
from django.urls import reverse

from onlinetalk.conf import get_setting
from onlinetalk.request_memo import default_locale
from onlinetalk.sessions.models import TalkSessionPage

from .models import LiveStream, StreamKind
from .render import entries_for_display, entry_payload, public_entries

STATE_KEY = "onlinetalk:live:{session}:state"
ANSWER_KEY = "onlinetalk:live:{session}:{language}:{version}:{phase}"
OLDER_KEY = "onlinetalk:live:{session}:{language}:{version}:before:{before}"
CHANGES_KEY = "onlinetalk:live:{session}:{language}:{version}:since:{since}"

UPCOMING, LIVE, ENDED = "upcoming", "live", "ended"


def _cache():
    return caches[get_setting("LIVE_CACHE")]


def _timeout():
    return get_setting("LIVE_CACHE_SECONDS")


# How long a lock in the cache is held at most, and how long a process waits for one.
LOCK_SECONDS = 5
LOCK_WAIT = 0.5
WAIT_STEP = 0.02


@contextmanager
def _turn(cache, key, *, wait):
    """Take `key`'s turn (cache.add is atomic in Redis and in the local-memory cache), waiting up
    to `wait` seconds for it; yields whether it was taken."""
    lock = f"{key}:lock"
    deadline = time.monotonic() + wait
    held = cache.add(lock, 1, LOCK_SECONDS)
    while not held and time.monotonic() < deadline:
        time.sleep(WAIT_STEP)
        held = cache.add(lock, 1, LOCK_SECONDS)
    try:
        yield held
    finally:
        if held:
            cache.delete(lock)


def _wait_for(cache, key, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP)
        value = cache.get(key)
        if value is not None:
            return value
    return None


# --- the state ------------------------------------------------------------------------------


def load_state(session_id):
    """The state from the database: two queries. None for a session that does not exist (or
    is not a stream's owner, the default-language page)."""
    row = (
        TalkSessionPage.objects.filter(pk=session_id, locale=default_locale())
        .values("start", "duration_minutes", "schedule_change")
        .first()
    )
    if row is None:
        return {"missing": True}
    version = (
        LiveStream.objects.filter(session_id=session_id, kind=StreamKind.PUBLIC)
        .values_list("version", flat=True)
        .first()
    ) or 0
    end = row["start"] + datetime.timedelta(minutes=row["duration_minutes"])
    return {
        "version": version,
        "start": row["start"].timestamp(),
        "end": end.timestamp(),
        "closed": bool(row["schedule_change"]),
    }


def current_state(session_id):
    cache = _cache()
    key = STATE_KEY.format(session=session_id)
    state = cache.get(key)
    if state is None:
        state = load_state(session_id)
        cache.add(key, state, _timeout())
    return state


def stream_changed(session_id, version):
    """A post, correction or retraction committed at `version`: the state says so at once.

    Called after the commit. Writers take turns (a lock in the cache) and each writes the
    version it reads from the database once it has its turn, so the last write is never older
    than the last commit, whichever poster finishes first. The poster pays the two queries."""
    cache = _cache()
    key = STATE_KEY.format(session=session_id)
    state = cache.get(key)
    if state is not None and not state.get("missing") and state["version"] >= version:
        return
    with _turn(cache, key, wait=LOCK_WAIT) as held:
        if not held:
            cache.delete(key)  # the next reader reads the database
            return
        cache.set(key, load_state(session_id), _timeout())


def session_changed(session_id):
    """The session's time or schedule changed (published): the state is read again."""
    _cache().delete(STATE_KEY.format(session=session_id))


def phase_of(state, now):
    """Upcoming before the start, live until a grace period after the end (late corrections
    still reach readers), then ended; a postponed or cancelled session has ended."""
    if state["closed"]:
        return ENDED
    at = now.timestamp()
    if at < state["start"]:
        return UPCOMING
    if at < state["end"] + get_setting("LIVE_POLL_GRACE_MINUTES") * 60:
        return LIVE
    return ENDED


# --- the answers ----------------------------------------------------------------------------


def _etag(body):
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


def _cached_answer(key, build):
    """The answer under `key`, built once: while one process builds it, the others wait for it a
    moment instead of all running the same queries at the instant after a post."""
    cache = _cache()
    answer = cache.get(key)
    if answer is not None:
        return answer
    with _turn(cache, key, wait=0) as held:
        if not held:
            answer = _wait_for(cache, key, LOCK_WAIT)
            if answer is not None:
                return answer
        body = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
        answer = (_etag(body), body)
        cache.set(key, answer, _timeout())
    return answer


def _window(session_id, since=None, limit=None):
    """Entries changed after `since` (or the latest `limit` changes) and the version below which
    the answer is complete."""
    limit = limit or get_setting("LIVE_POLL_WINDOW")
    queryset = public_entries(session_id).order_by("-changed_in_version")
    if since is not None:
        queryset = queryset.filter(changed_in_version__gt=since)
    entries = entries_for_display(queryset[: limit + 1])
    complete_after = since or 0
    if len(entries) > limit:
        complete_after = entries[limit].changed_in_version
        entries = entries[:limit]
    return entries, complete_after


def _answer(session_id, state, phase, entries, since):
    version = max([state["version"], *(entry.changed_in_version for entry in entries)])
    return {
        "version": version,
        "since": since,
        "phase": phase,
        "interval": get_setting("LIVE_POLL_SECONDS"),
        "hidden_interval": get_setting("LIVE_POLL_HIDDEN_SECONDS"),
        "entries": [entry_payload(entry) for entry in sorted(entries, key=lambda e: e.pk)],
    }


def latest(session_id, language, now):
    """(etag, body) of the latest state for readers in `language`, or None (no such session).
    Nothing changed since the last reader asked: no query."""
    state = current_state(session_id)
    if state.get("missing"):
        return None
    phase = phase_of(state, now)
    key = ANSWER_KEY.format(
        session=session_id, language=language, version=state["version"], phase=phase
    )

    def build():
        entries, since = _window(session_id)
        return _answer(session_id, state, phase, entries, since)

    return _cached_answer(key, build)


def changes_since(session_id, language, now, since):
    """For a reader who fell behind the latest answer's window: every change after `since`, up
    to a limit; past it the answer says `reload`."""
    state = current_state(session_id)
    if state.get("missing"):
        return None
    if since >= state["version"]:
        # Nothing after it that the latest answer lacks: that answer (and no cache entry of its
        # own for every number someone may ask).
        return latest(session_id, language, now)
    phase = phase_of(state, now)
    key = CHANGES_KEY.format(
        session=session_id, language=language, version=state["version"], since=since
    )

    def build():
        limit = get_setting("LIVE_CHANGES_LIMIT")
        entries, complete_after = _window(session_id, since=since, limit=limit)
        answer = _answer(session_id, state, phase, entries, since)
        answer["reload"] = complete_after > since
        return answer

    return _cached_answer(key, build)


def older(session_id, language, before):
    """One page of the entries before `before` (by position), newest first, for "earlier
    entries"."""
    state = current_state(session_id)
    if state.get("missing"):
        return None
    key = OLDER_KEY.format(
        session=session_id, language=language, version=state["version"], before=before
    )

    def build():
        size = get_setting("LIVE_PAGE_SIZE")
        queryset = public_entries(session_id).filter(pk__lt=before).order_by("-pk")
        entries = entries_for_display(queryset[: size + 1])
        more = len(entries) > size
        entries = entries[:size]
        return {
            "version": state["version"],
            "entries": [entry_payload(entry) for entry in entries],
            "older_url": (
                reverse("onlinetalk_live:older", args=[session_id, entries[-1].pk])
                if more
                else None
            ),
        }

    return _cached_answer(key, build)
