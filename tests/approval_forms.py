"""The admin's page edit form as a browser posts it, for the approval tests: a session's and a
hot response's fields, and the edit view's buttons on either tree."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from onlinetalk.sessions.models import TalkSessionPage
from tests.clock import SHANGHAI


def session_form(page):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "host": page.host,
            "summary": page.summary,
            "start": page.start.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
            "duration_minutes": str(page.duration_minutes),
            "venue": page.venue,
            "text_live": "on" if page.text_live else "",
            "video_recording": "on" if page.video_recording else "",
            "plan_notes": page.plan_notes,
            "schedule_change": page.schedule_change,
            "schedule_change_explanation": page.schedule_change_explanation,
            "announcement": streamfield([("rich_text", rich_text("<p>欢迎网友提问。</p>"))]),
            "transcript": streamfield([]),
            "related": streamfield([]),
            "recorded_video": "",
            "recorded_video_captions": "",
            "session_leaders": {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            },
            "seo_title": "",
            "search_description": "",
        }
    )
    data["departments"] = [str(unit.pk) for unit in page.departments.all()]
    return data


def response_form(page):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "session": str(page.session_id),
            "summary": page.summary,
            "body": streamfield(
                [
                    (
                        "suggestion",
                        {
                            "suggestion": "建议增加公交班次。",
                            "adoption": "adopted",
                            "explanation": rich_text("<p>已采纳。</p>"),
                            "live_entry": "",
                        },
                    )
                ]
            ),
            "late_explanation": "因汇总各部门答复推迟。",
            "seo_title": "",
            "search_description": "",
        }
    )


def edit_form(page, action, **changes):
    """The edit form of `page` as its latest revision fills it, with `changes` to its fields
    and the button `action` pressed."""
    page = page.get_latest_revision_as_object()
    data = session_form(page) if isinstance(page, TalkSessionPage) else response_form(page)
    data.update(changes)
    data[action] = "action"
    return data


def post_edit(client, page, action, **changes):
    """The edit view's button `action`: the whole form on the Chinese tree, the translation
    editor's button on the English one (wagtail-localize takes over a translation's edit view)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if page.locale.language_code == "en":
        data = {"action": "publish"} if action == "action-publish" else {action: "action"}
        # wagtail-localize publishes a translation when the transaction commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            return client.post(url, data)
    return client.post(url, edit_form(page, action, **changes))
