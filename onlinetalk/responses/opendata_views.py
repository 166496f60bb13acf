"""The open-data downloads of a session and of a year: JSON (every record, stable machine keys)
and CSV (one table at a time, headers and labels in the reader's language, UTF-8 with a BOM so
that Excel in China opens it right). Public and cacheable: a few minutes' delay is fine.

CSV tables (`?table=`): `questions` (the default), `sessions` (the deadlines and counts),
`commitments`, `updates` (each commitment's dated updates). Any other table is a 404.
"""

import csv
import io
import json
from pathlib import Path

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from onlinetalk.conf import get_setting
from onlinetalk.pages import publicly_viewable

from .opendata import SCHEMA_FILE, document

SCHEMA_PATH = Path(__file__).parent / "schema" / SCHEMA_FILE
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
JSON_MEDIA_TYPE = "application/json; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _yes_no(value):
    return _("Yes") if value else _("No")


def _cell(value):
    """A CSV cell as text; one that a spreadsheet would run as a formula is kept as text."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _question_rows(records):
    headers = [
        _("Session"),
        _("Session start"),
        _("Question no."),
        _("Asked on"),
        _("Nickname"),
        _("Question"),
        _("Fate"),
        _("Answered at"),
        _("Answered by"),
        _("Answer"),
        _("Link to the answer"),
    ]
    rows = []
    for session in records:
        for question in session["questions"]:
            answer = question["answer"] or {}
            rows.append(
                [
                    session["title"],
                    session["start"],
                    question["id"],
                    question["asked_on"],
                    question["nickname"],
                    question["text"],
                    question["fate_label"],
                    answer.get("at"),
                    answer.get("answered_by"),
                    answer.get("text"),
                    answer.get("url"),
                ]
            )
    return headers, rows


def _session_rows(records):
    headers = [
        _("Session"),
        _("Link"),
        _("Session start"),
        _("Units"),
        _("Status"),
        _("Replies due"),
        _("Deadline estimated"),
        _("Replies published at"),
        _("On time or late"),
        _("Working days late"),
        _("Working days left"),
        _("Questions received"),
        _("Questions accepted"),
        _("Answered live"),
        _("Answered in the hot response"),
        _("Awaiting an answer"),
        _("Merged"),
        _("Declined"),
    ]
    rows = []
    for session in records:
        deadline, counts = session["deadline"], session["question_counts"]
        rows.append(
            [
                session["title"],
                session["url"],
                session["start"],
                pgettext("unit list separator", ", ").join(session["units"]),
                session["status_label"],
                deadline["replies_due"],
                _yes_no(deadline["estimated"]),
                deadline["replies_published_at"],
                deadline["timing_label"],
                deadline["working_days_late"],
                deadline["working_days_left"],
                counts["received"],
                counts["accepted"],
                counts["answered_live"],
                counts["answered_in_hot_response"],
                counts["awaiting"],
                counts["merged"],
                counts["declined"],
            ]
        )
    return headers, rows


def _commitment_rows(records):
    headers = [
        _("Session"),
        _("Commitment no."),
        _("Commitment"),
        _("Unit"),
        _("Owner"),
        _("Status"),
        _("Progress (%)"),
        _("Expected completion"),
        _("Made at"),
        _("Closed at"),
        _("Reason for dropping"),
    ]
    rows = [
        [
            session["title"],
            commitment["id"],
            commitment["text"],
            commitment["unit"],
            commitment["owner"],
            commitment["status_label"],
            commitment["progress"],
            commitment["expected_on"],
            commitment["made_at"],
            commitment["closed_at"],
            commitment["dropped_reason"],
        ]
        for session in records
        for commitment in session["commitments"]
    ]
    return headers, rows


def _update_rows(records):
    headers = [
        _("Session"),
        _("Commitment no."),
        _("Date"),
        _("Who"),
        _("Status before"),
        _("Status after"),
        _("Progress before (%)"),
        _("Progress after (%)"),
        _("What happened"),
        _("Document"),
    ]
    labels = {}
    for session in records:
        for commitment in session["commitments"]:
            for update in commitment["updates"]:
                labels[update["status_after"]] = update["status_after_label"]
    rows = [
        [
            session["title"],
            commitment["id"],
            update["at"],
            update["who"],
            labels.get(update["status_before"], update["status_before"]),
            update["status_after_label"],
            update["progress_before"],
            update["progress_after"],
            update["note"],
            (update["document"] or {}).get("url"),
        ]
        for session in records
        for commitment in session["commitments"]
        for update in commitment["updates"]
    ]
    return headers, rows


TABLES = {
    "questions": _question_rows,
    "sessions": _session_rows,
    "commitments": _commitment_rows,
    "updates": _update_rows,
}
DEFAULT_TABLE = "questions"


def _table_name(request):
    """The table asked for; a 404 for a name that is not a table (never a guess)."""
    name = request.GET.get("table", DEFAULT_TABLE)
    if name not in TABLES:
        raise Http404
    return name


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=get_setting("OPEN_DATA_MAX_AGE"))
    patch_vary_headers(response, ["Accept-Language"])
    return response


def json_response(data, filename):
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type=JSON_MEDIA_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    response["Content-Language"] = data["language"]
    return _cacheable(response)


def csv_response(data, table, filename):
    headers, rows = TABLES[table](data["sessions"])
    out = io.StringIO()
    out.write("\ufeff")  # the BOM: Excel reads UTF-8 then
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_cell(value) for value in row] for row in rows)
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type=CSV_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{table}.csv"'
    response["Content-Language"] = data["language"]
    return _cacheable(response)


def schema_response():
    response = HttpResponse(SCHEMA_PATH.read_bytes(), content_type="application/schema+json")
    return _cacheable(response)


# --- the routes' views (page, request), as a routable page's own methods --------------------------


def _public_session(page):
    """The session, if its page is live and public; else a 404 (nothing of it is open data)."""
    pages = publicly_viewable(type(page).objects.filter(pk=page.pk).live())
    if not pages.exists():
        raise Http404
    return [page]


def _public_year(page):
    if not publicly_viewable(type(page).objects.filter(pk=page.pk).live()).exists():
        raise Http404
    return page.public_sessions


def _session_document(page, request):
    return document(
        _public_session(page), request, scope="session", year=timezone.localtime(page.start).year
    )


def _year_document(page, request):
    return document(_public_year(page), request, scope="year", year=page.year)


def session_json(page, request):
    return json_response(_session_document(page, request), f"open-data-session-{page.pk}")


def session_csv(page, request):
    table = _table_name(request)
    return csv_response(_session_document(page, request), table, f"open-data-session-{page.pk}")


def year_json(page, request):
    return json_response(_year_document(page, request), f"open-data-{page.year}")


def year_csv(page, request):
    table = _table_name(request)
    return csv_response(_year_document(page, request), table, f"open-data-{page.year}")


def schema(page, request):
    return schema_response()
