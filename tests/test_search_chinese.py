"""Chinese and English search (issue #12): a table of queries, each with the item that must be
found, run through `search_items` on content this module builds once — published sessions with
transcript exchanges, hot responses with replies, a year page and a published question, in
Chinese and in English — then `items.rebuild()`. Words sit inside longer sentences, as a citizen
writes them; units are found by their full and short names; a draft, a private page and an
unpublished question are never found.
"""

import pytest
from django.db import transaction
from wagtail.models import Locale, Page, PageViewRestriction, Site

from onlinetalk.questions.models import QuestionStatus
from onlinetalk.search import items
from onlinetalk.search.models import ItemKind, SearchItem
from onlinetalk.search.service import Filters, search_items
from tests.factories import (
    AnnualSchedulePageFactory,
    CitizenQuestionFactory,
    DepartmentFactory,
    HotResponseIndexPageFactory,
    HotResponsePageFactory,
    LeaderFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
    local,
    publish_response,
)
from tests.serialized_rollback import restore_what_the_migrations_made

# --- the content ------------------------------------------------------------------------------


def exchange(block_id, question, answer, leader=None, asker="网友"):
    """A transcript exchange in raw form, with a known id (its anchor: transcript-<id>)."""
    return {
        "type": "qa_exchange",
        "id": block_id,
        "value": {
            "asker": asker,
            "question": question,
            "leader": leader.pk if leader else None,
            "answer": f"<p>{answer}</p>",
            "time": "10:05:00",
        },
    }


def reply(summary, answer, answered_by=""):
    return (
        "reply",
        {
            "questions": [],
            "question_summary": summary,
            "reply": f"<p>{answer}</p>",
            "answered_by": answered_by,
        },
    )


CHINESE_SESSIONS = {
    # label: (unit, title, summary, [(exchange id, question, answer)])
    "pension": (
        "人社",
        "灵活就业人员社会保险政策解读",
        "市人社部门解读灵活就业人员参保政策。",
        [
            (
                "pension-rate",
                "灵活就业人员参加城乡居民养老保险的缴费标准是怎样规定的？",
                "缴费档次由个人自主选择，按年缴纳。",
            ),
            (
                "pension-payment",
                "退休以后每月的养老保险金什么时候发到账户？",
                "每月15日前发放到本人社保卡。",
            ),
            ("school", "今年秋季小学学位够不够？", "新建学校将增加三千个学位。"),
        ],
    ),
    "fund": (
        "公积金",
        "住房公积金政策在线访谈",
        "介绍住房公积金缴存和使用的最新政策。",
        [
            (
                "fund-loan",
                "第二套房还能申请公积金贷款吗？",
                "符合条件的家庭可以申请第二次公积金贷款。",
            ),
        ],
    ),
    "land": (
        "自然资源",
        "不动产登记便民服务访谈",
        "解读二手房交易和登记流程。",
        [
            (
                "land-registration",
                "购买二手房以后办理不动产登记一般需要多长时间？",
                "资料齐全的，五个工作日内办结。",
            ),
            (
                "old-estates",
                "我们小区是九十年代的房子，老旧小区改造什么时候轮到？",
                "今年将改造六十个老旧小区，并同步推进加装电梯。",
            ),
            ("elevator", "多层住宅加装电梯有没有财政补贴？", "每台电梯补贴二十万元。"),
        ],
    ),
    "transport": (
        "交通",
        "优化公交线网访谈",
        "市交通运输部门就公交线网优化回应市民关切。",
        [
            (
                "bus-route",
                "请问17路公交线路调整以后为什么不停靠人民医院了？",
                "调整后由新开通的K3路接驳人民医院。",
            ),
            (
                "base-station",
                "我们村里手机信号很差，5G基站什么时候建？",
                "年内将新建一百座5G基站，实现行政村全覆盖。",
            ),
        ],
    ),
    "health": (
        "医保",
        "医疗保障政策访谈",
        "解读异地就医和门诊报销政策。",
        [
            (
                "reimburse",
                "在外地工作的人异地就医，医保报销比例是多少？",
                "备案后在就医地按规定比例报销。",
            ),
            (
                "household",
                "积分入户今年的分数线会不会提高？",
                "积分入户分数线与去年持平。",
            ),
        ],
    ),
}

UNITS = {
    # key: (Chinese name, short name, English name, English short name)
    "人社": (
        "市人力资源社会保障局",
        "人社局",
        "Human Resources and Social Security Bureau",
        "HRSS",
    ),
    "公积金": ("市住房公积金管理中心", "公积金中心", "Housing Provident Fund Centre", "HPF"),
    "自然资源": ("市自然资源局", "自然资源局", "Natural Resources Bureau", "NRB"),
    "交通": ("市交通运输局", "交通局", "Transport Bureau", "Transport"),
    "医保": ("市医疗保障局", "医保局", "Healthcare Security Administration", "HSA"),
}

# The English pages: (label, title, summary, [(exchange id, question, answer)]).
ENGLISH_SESSIONS = {
    "pension": (
        "Social insurance for flexible workers",
        "How flexible workers join the social insurance schemes.",
        [
            (
                "pension-rate",
                "What are the contribution rates for the pensions of flexible workers?",
                "Each worker chooses a contribution grade and pays it yearly.",
            ),
        ],
    ),
    "land": (
        "Property registration services",
        "How second-hand homes are registered.",
        [
            (
                "land-registration",
                "How long does it take until a second-hand flat is registered?",
                "Within five working days when the documents are complete.",
            ),
            (
                "elevator",
                "Are there subsidies for installing elevators in older buildings?",
                "Each lift receives a subsidy.",
            ),
        ],
    ),
    "transport": (
        "Optimising the bus network",
        "The transport bureau on the new bus routes.",
        [
            (
                "bus-route",
                "Why does bus route 17 no longer stop at the People's Hospital?",
                "The new route K3 serves the hospital after the change.",
            ),
            (
                "base-station",
                "When will the village get 5G base stations?",
                "A hundred new base stations this year, covering every village.",
            ),
        ],
    ),
}

# Words that the world never holds (the negative cases) and words only a draft or a private page
# holds.
DRAFT_WORD = "草稿"
PRIVATE_WORD = "保密"
HIDDEN_QUESTION_WORD = "狂犬疫苗"


def _english_copy(page, english, **fields):
    translated = page.copy_for_translation(english, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def build_world():
    """The content of the module; returns {label: (page id, anchor)} for the expected items."""
    chinese = Locale.objects.get(language_code="zh-hans")
    english = Locale.objects.get(language_code="en")
    home = Site.objects.get(is_default_site=True).root_page.specific
    where = {}
    units = {}
    for key, (name, short, english_name, english_short) in UNITS.items():
        unit = DepartmentFactory(name=name, short_name=short, locale=chinese)
        translated = unit.copy_for_translation(english)
        translated.name, translated.short_name = english_name, english_short
        translated.save()
        units[key] = unit
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    year = AnnualSchedulePageFactory(
        parent=column,
        year=2022,
        notice="<p>关于印发2022年民生在线访谈安排的通知，各单位按月份组织访谈。</p>",
        issuing_office="珠海市人民政府办公室",
        document_number="珠府办函〔2022〕15号",
    )
    where["year"] = (year.pk, "")
    sessions = {}
    for number, (label, (unit_key, title, summary, exchanges)) in enumerate(
        CHINESE_SESSIONS.items()
    ):
        unit = units[unit_key]
        leader = LeaderFactory(department=unit)
        session = TalkSessionPageFactory(
            parent=year,
            slug=f"session-{label}",
            title=title,
            summary=summary,
            start=local(2022, 3 + number, 15, 10, 0),
            departments=[unit],
            leaders=[leader],
            transcript=[exchange(block_id, q, a, leader) for block_id, q, a in exchanges],
        )
        sessions[label] = session
        where[f"session {label}"] = (session.pk, "")
        for block_id, _q, _a in exchanges:
            where[block_id] = (session.pk, f"transcript-{block_id}")

    # A published question, not answered yet: found as a question item.
    CitizenQuestionFactory(
        session=sessions["land"],
        text="小区地下车库想安装充电桩，需要物业同意吗？",
        status=QuestionStatus.ACCEPTED,
        consent_to_publish=True,
    )
    where["charger question"] = (sessions["land"].pk, "questions")
    # Questions that are not public: pending, and accepted without consent.
    CitizenQuestionFactory(
        session=sessions["land"],
        text=f"{HIDDEN_QUESTION_WORD}在哪里办理？",
        status=QuestionStatus.PENDING,
        consent_to_publish=True,
    )
    CitizenQuestionFactory(
        session=sessions["land"],
        text=f"家里的{HIDDEN_QUESTION_WORD}需要带什么材料？",
        status=QuestionStatus.ACCEPTED,
        consent_to_publish=False,
    )

    # Hot responses with replies.
    responses = HotResponseIndexPageFactory(parent=home, slug="hot-responses")
    fund_response = HotResponsePageFactory(
        parent=responses,
        session=sessions["fund"],
        title="住房公积金访谈热点回应",
        body=[
            reply(
                "关于住房公积金提取用于房屋装修的问题",
                "目前住房公积金提取的范围不包括房屋装修，租房和购房可以申请提取。",
                answered_by="市住房公积金管理中心",
            ),
        ],
    )
    fund_response = publish_response(fund_response, local(2022, 4, 20, 10, 0))
    where["fund reply"] = (fund_response.pk, "reply-block-0-reply")
    transport_response = HotResponsePageFactory(
        parent=responses,
        session=sessions["transport"],
        title="公交线网访谈热点回应",
        body=[
            reply(
                "关于高速公路ETC办理的问题",
                "车主可以在银行网点或者手机上办理ETC，免费安装。",
                answered_by="市交通运输局",
            ),
        ],
    )
    transport_response = publish_response(transport_response, local(2022, 6, 20, 10, 0))
    where["etc reply"] = (transport_response.pk, "reply-block-0-reply")

    # A draft: a session never published, and a published one with an unpublished revision.
    TalkSessionPageFactory(
        parent=year,
        slug="session-draft",
        title=f"{DRAFT_WORD}访谈",
        summary=f"尚未发布的{DRAFT_WORD}。",
        live=False,
        departments=[units["人社"]],
    )
    revised = sessions["health"]
    revised.summary = f"修改后尚未发布的{DRAFT_WORD}。"
    revised.save_revision()  # the live page keeps its summary
    # A private page: a published session behind a password.
    private = TalkSessionPageFactory(
        parent=year,
        slug="session-private",
        title=f"{PRIVATE_WORD}说明会",
        summary=f"仅供内部查阅的{PRIVATE_WORD}。",
        departments=[units["人社"]],
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    # The English versions.
    for label, (title, summary, exchanges) in ENGLISH_SESSIONS.items():
        session = sessions[label]
        translated = _english_copy(
            session,
            english,
            title=title,
            summary=summary,
            transcript=[exchange(block_id, q, a, asker="Netizen") for block_id, q, a in exchanges],
        )
        where[f"en session {label}"] = (translated.pk, "")
        for block_id, _q, _a in exchanges:
            where[f"en {block_id}"] = (translated.pk, f"transcript-{block_id}")
    english_response = _english_copy(
        transport_response,
        english,
        title="Bus network: hot response",
        body=[
            {
                "type": "reply",
                "id": "block-0-reply",
                "value": {
                    "questions": [],
                    "question_summary": "Getting an ETC tag for the motorways",
                    "reply": "<p>Owners can apply for ETC tags at banks or online, free of "
                    "charge; installing them takes ten minutes.</p>",
                    "answered_by": "Transport Bureau",
                },
            }
        ],
    )
    where["en etc reply"] = (english_response.pk, "reply-block-0-reply")
    items.rebuild()
    return where


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The content, built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            restore_what_the_migrations_made()
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def where(world, db):
    return world


def found(query, language="zh-hans", **filters):
    locale = Locale.objects.get(language_code=language)
    outcome = search_items(query, locale, Filters(**filters))
    results = list(outcome.results[:10])
    return outcome, [(item.page_id, item.anchor) for item in results]


# --- the table ----------------------------------------------------------------------------------

# (query, the label of the item that must be among the first page of results)
CHINESE_CASES = [
    # Two-to-four-character words inside longer sentences.
    ("养老保险", "pension-rate"),
    ("养老保险", "pension-payment"),  # the text says 养老保险金
    ("养老保险金", "pension-payment"),
    ("缴费标准", "pension-rate"),
    ("灵活就业", "pension-rate"),
    ("学位", "school"),
    ("社保卡", "pension-payment"),
    ("公积金提取", "fund reply"),
    ("住房公积金", "fund reply"),
    ("公积金贷款", "fund-loan"),
    ("装修", "fund reply"),
    ("不动产登记", "land-registration"),
    ("不动产", "land-registration"),
    ("二手房", "land-registration"),
    ("老旧小区改造", "old-estates"),
    ("加装电梯", "elevator"),
    ("电梯", "elevator"),
    ("补贴", "elevator"),
    ("公交线路", "bus-route"),
    ("公交", "bus-route"),
    ("人民医院", "bus-route"),
    ("医保报销", "reimburse"),
    ("异地就医", "reimburse"),
    ("积分入户", "household"),
    ("充电桩", "charger question"),
    ("访谈安排", "year"),
    ("人民政府办公室", "year"),
    # Questions as citizens type them: 怎么, 吗, 的 are left out.
    ("怎么提取住房公积金？", "fund reply"),
    ("二手房怎么办理不动产登记？", "land-registration"),
    # Several words: all must match (AND).
    ("公积金 装修", "fund reply"),
    ("养老保险 缴费", "pension-rate"),
    ("老旧小区 电梯", "old-estates"),
    # Units by their full names and their short forms.
    ("人社局", "session pension"),
    ("市人力资源社会保障局", "session pension"),
    ("人力资源", "session pension"),
    ("交通局", "session transport"),
    ("交通运输局", "session transport"),
    ("公积金中心", "session fund"),
    ("自然资源局", "session land"),
    ("医保局", "session health"),
    # Chinese and English (and digits) mixed; full-width letters as typed on a Chinese keyboard.
    ("ETC办理", "etc reply"),
    ("ＥＴＣ办理", "etc reply"),
    ("etc", "etc reply"),
    ("5G基站", "base-station"),
    ("基站", "base-station"),
    ("17路公交", "bus-route"),
]

ENGLISH_CASES = [
    ("pension", "en pension-rate"),  # the text says pensions
    ("pensions", "en pension-rate"),
    ("contribution", "en pension-rate"),  # contributions, contribution
    ("registering", "en land-registration"),  # registered
    ("registered", "en land-registration"),
    ("elevator", "en elevator"),  # elevators
    ("subsidies", "en elevator"),  # subsidies, subsidy
    ("installing elevators", "en elevator"),
    ("bus routes", "en bus-route"),
    ("hospital", "en bus-route"),
    ("5G base station", "en base-station"),
    ("ETC tag", "en etc reply"),
    ("Human Resources", "en session pension"),  # the unit's English name
    ("Transport Bureau", "en session transport"),
]


@pytest.mark.parametrize(("query", "label"), CHINESE_CASES)
def test_a_chinese_query_finds_its_item(where, query, label):
    outcome, results = found(query)
    assert where[label] in results, (query, outcome.words)
    assert not outcome.relaxed


@pytest.mark.parametrize(("query", "label"), ENGLISH_CASES)
def test_an_english_query_finds_its_item(where, query, label):
    outcome, results = found(query, "en")
    assert where[label] in results, (query, outcome.words)
    assert not outcome.relaxed


# --- AND first, then OR -------------------------------------------------------------------------


def test_every_word_must_match(where):
    """Only the reply (and its response page, which shows it) speaks of both."""
    _outcome, results = found("公积金 装修")
    response = where["fund reply"][0]
    assert sorted(results) == sorted([(response, ""), where["fund reply"]])


def test_when_no_item_holds_every_word_any_word_will_do(where):
    outcome, results = found("公积金 潜水艇")
    assert outcome.relaxed
    assert where["fund reply"] in results
    assert where["fund-loan"] in results


def test_a_single_absent_word_is_not_relaxed(where):
    outcome, results = found("潜水艇")
    assert (outcome.relaxed, results) == (False, [])


@pytest.mark.parametrize(("query", "language"), [("潜水艇", "zh-hans"), ("submarine", "en")])
def test_a_word_that_is_not_there_finds_nothing(where, query, language):
    assert found(query, language)[1] == []


def test_a_two_character_word_finds_only_where_it_is(where):
    """学位 is in one exchange (and its session's page); 学 and 位 elsewhere (小学, 单位) do not
    make a match."""
    _outcome, results = found("学位")
    assert sorted(results) == sorted([where["session pension"], where["school"]])


# --- what is never found ------------------------------------------------------------------------


@pytest.mark.parametrize("query", [DRAFT_WORD, PRIVATE_WORD, HIDDEN_QUESTION_WORD])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_draft_private_page_or_unpublished_question_is_never_found(where, query, language):
    assert found(query, language)[1] == []
    assert not SearchItem.objects.filter(text__contains=query).exists()


def test_the_live_version_of_a_page_with_a_draft_is_still_found(where):
    assert where["session health"] in found("医疗保障")[1]


# --- languages ----------------------------------------------------------------------------------


def test_a_chinese_query_finds_chinese_items_only(where):
    english_pages = set(
        Page.objects.filter(locale__language_code="en").values_list("pk", flat=True)
    )
    _outcome, results = found("养老保险")
    assert results and not {page for page, _anchor in results} & english_pages


def test_an_english_query_finds_english_items_only(where):
    chinese_pages = set(
        Page.objects.filter(locale__language_code="zh-hans").values_list("pk", flat=True)
    )
    _outcome, results = found("pension", "en")
    assert results and not {page for page, _anchor in results} & chinese_pages


# --- the type filter ----------------------------------------------------------------------------


def test_the_type_filter_keeps_its_group(where):
    _outcome, results = found("公积金", group="responses")
    kinds = set(
        SearchItem.objects.filter(page_id__in=[page for page, _anchor in results]).values_list(
            "kind", flat=True
        )
    )
    assert where["fund reply"] in results
    assert kinds <= {ItemKind.RESPONSE, ItemKind.REPLY}


def test_the_table_is_large_enough():
    assert len(CHINESE_CASES) >= 30
    assert len(ENGLISH_CASES) >= 10


def test_the_cases_name_items_that_exist(where):
    labels = {label for _query, label in CHINESE_CASES + ENGLISH_CASES}
    assert labels <= set(where)
    assert all(
        SearchItem.objects.filter(page_id=page, anchor=anchor).exists()
        for page, anchor in (where[label] for label in labels)
    )
