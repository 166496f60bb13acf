"""Every kind of public page, in Chinese and English, on the demo site: the pages the
accessibility and HTML validity checks visit.

The showcase sessions are built around today, so the paths are looked up in the database after
`load_demo` (the announced session's year is the current one; its question board is open).
"""

from django.apps import apps

SESSION_2022 = "/minsheng-online/2022/2022-09-agriculture-and-rural-affairs/"
ANNOUNCED_SLUG = "showcase-announced"


def public_paths():
    """[(name, path, status)] of every public page type, Chinese first, then the same in English."""
    page_model = apps.get_model("wagtailcore", "Page")
    question_model = apps.get_model("onlinetalk", "CitizenQuestion")
    announced = page_model.objects.get(slug=ANNOUNCED_SLUG, locale__language_code="zh-hans")
    session = announced.url  # /minsheng-online/<year>/showcase-announced/
    live = page_model.objects.get(slug="showcase-live", locale__language_code="zh-hans").url
    questions = question_model.objects.filter(session_id=announced.pk).order_by("pk")
    public = next(q for q in questions if q.is_public)
    rejected = questions.filter(status="rejected").exclude(rejection_reason="").first()
    chinese = [
        ("home", "/", 200),
        ("column", "/minsheng-online/", 200),
        ("year", "/minsheng-online/2022/", 200),
        ("session 2022", SESSION_2022, 200),
        ("announced session", session, 200),
        ("live session", live, 200),
        ("ask form", f"{session}ask/", 200),
        ("receipt", f"{session}questions/{public.receipt_code}/?received=1", 200),
        ("receipt of a declined question", f"{session}questions/{rejected.receipt_code}/", 200),
        ("vote", f"{session}questions/{public.pk}/vote/", 200),
        ("lookup", "/minsheng-online/questions/lookup/", 200),
        ("lookup, unknown code", "/minsheng-online/questions/lookup/?code=AAAAA-AAAAA", 404),
        ("search", "/search/?query=%E6%95%99%E8%82%B2", 200),  # 教育
        ("404", "/minsheng-online/no-such-page/", 404),
    ]
    english = [(f"{name} (en)", f"/en{path}", status) for name, path, status in chinese]
    english[-2] = ("search (en)", "/en/search/?query=education", 200)
    return chinese + english
