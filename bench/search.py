#!/usr/bin/env python
"""How fast the Chinese search answers at 10,000 and 100,000 search items: p50 and p95 of a
results page (the first ten results and the count, as /search/ shows them) over 200 queries.
Targets on PostgreSQL: p95 ≤ 200 ms at 100,000 items, and p95 at 100,000 at most 3× p95 at
10,000 (the GIN index, migration 0011, keeps a search from reading every row).

The bench creates its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/minsheng_bench; never DATABASE_URL, the project's; see
bench/benchdb.py for what it refuses), runs `migrate` with `portal.settings.production` (DEBUG
off), makes 30 units, a column, a year page and 100 sessions through Wagtail, then search items
from a fixed seed: citizens' questions and the units' answers written from vocabularies of
government-service topics, places, people and the units' names — 70% transcript exchanges, 20%
hot-response replies, 8% published questions, 2% session items — each segmented like the site's
(`index_text`), stored with `bulk_create` and indexed with the backend's `add_bulk` in batches
(the times are printed apart: segmenting, storing, indexing). Then VACUUM ANALYZE, and the
queries (fixed seed): one to three words of the vocabularies, some as a citizen types them
(公积金提取需要什么材料), some with a word that no item holds (AND finds nothing: the OR
fallback), some with only absent words. Each goes through `search_items` as the page calls it.

`--sqlite` runs the same on a SQLite file in a temporary directory (the bench's own; FTS5),
for comparison; `--explain` prints EXPLAIN ANALYZE of the slowest query's page and count at the
largest size (PostgreSQL). It prints figures and checks none.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench \\
        .venv/bin/python bench/search.py [--sizes 10000 100000] [--queries 200] [--explain]
        [--sqlite] [--keep-db]
"""

import argparse
import datetime
import io
import random
import shutil
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchdb import (  # noqa: E402
    QueryCounter,
    RefusedDatabase,
    bench_database_from_environment,
    prepare_environment,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SEED = 20221115
SESSIONS = 100
BATCH = 5000

# --- the vocabularies --------------------------------------------------------------------------

UNITS = [
    ("市人力资源社会保障局", "人社局"),
    ("市住房公积金管理中心", "公积金中心"),
    ("市自然资源局", "自然资源局"),
    ("市交通运输局", "交通局"),
    ("市医疗保障局", "医保局"),
    ("市教育局", "教育局"),
    ("市民政局", "民政局"),
    ("市住房城乡建设局", "住建局"),
    ("市生态环境局", "生态环境局"),
    ("市市场监督管理局", "市场监管局"),
    ("市卫生健康局", "卫健局"),
    ("市公安局", "公安局"),
    ("市城市管理和综合执法局", "城管局"),
    ("市水务局", "水务局"),
    ("市发展和改革局", "发改局"),
    ("市工业和信息化局", "工信局"),
    ("市商务局", "商务局"),
    ("市文化广电旅游体育局", "文旅局"),
    ("市农业农村局", "农业农村局"),
    ("市应急管理局", "应急管理局"),
    ("市政务服务数据管理局", "政数局"),
    ("市税务局", "税务局"),
    ("市退役军人事务局", "退役军人局"),
    ("市司法局", "司法局"),
    ("市财政局", "财政局"),
    ("市科技创新局", "科创局"),
    ("市残疾人联合会", "残联"),
    ("市总工会", "总工会"),
    ("市供电局", "供电局"),
    ("市港口管理局", "港口局"),
]

TOPICS = [
    "养老保险",
    "养老保险金",
    "城乡居民养老保险",
    "医疗保险",
    "医保报销",
    "异地就医",
    "门诊报销",
    "住房公积金",
    "公积金提取",
    "公积金贷款",
    "不动产登记",
    "不动产权证",
    "二手房",
    "积分入户",
    "居住证",
    "义务教育",
    "学位",
    "学前教育",
    "托育",
    "老旧小区改造",
    "加装电梯",
    "垃圾分类",
    "充电桩",
    "新能源汽车",
    "公交线路",
    "地铁",
    "停车位",
    "道路维修",
    "噪音扰民",
    "食品安全",
    "消费维权",
    "营商环境",
    "一网通办",
    "政务服务",
    "社保卡",
    "失业保险",
    "工伤保险",
    "生育保险",
    "长者饭堂",
    "适老化改造",
    "人才房",
    "公租房",
    "保障性住房",
    "租赁住房",
    "城市更新",
    "燃气管道",
    "自来水",
    "停电",
    "5G基站",
    "ETC",
    "跨境通勤",
    "港澳居民",
    "横琴合作区",
    "灵活就业",
    "创业补贴",
    "稳岗补贴",
    "技能培训",
    "预约挂号",
    "疫苗接种",
    "家庭医生",
    "中考",
    "校车",
    "学校食堂",
    "农贸市场",
    "物业管理",
    "小区停车",
    "电动自行车",
    "共享单车",
    "口袋公园",
    "绿道",
    "河道治理",
    "污水处理",
    "空气质量",
    "高龄津贴",
    "最低生活保障",
    "残疾人补贴",
    "退役军人优待",
    "法律援助",
    "个税退税",
    "营业执照",
]
PLACES = [
    "香洲区",
    "金湾区",
    "斗门区",
    "高新区",
    "拱北",
    "前山",
    "唐家湾",
    "井岸镇",
    "白蕉镇",
    "三灶镇",
    "南屏镇",
    "湾仔",
    "吉大",
    "新香洲",
    "红旗镇",
    "平沙镇",
    "南水镇",
    "万山",
    "桂山岛",
    "情侣路",
]
PEOPLE = [
    "退休职工",
    "灵活就业人员",
    "外来务工人员",
    "新市民",
    "大学毕业生",
    "个体工商户",
    "小区居民",
    "学生家长",
    "老年人",
    "残疾人",
    "企业职工",
    "出租车司机",
    "外卖骑手",
    "港澳居民",
    "农村居民",
    "退役军人",
    "孕妇",
    "低保户",
]
ACTIONS = ["申请", "办理", "咨询", "缴纳", "提取", "领取", "变更", "转移", "查询", "续期"]
ASKS = [
    "需要什么材料？",
    "有什么条件？",
    "在哪里办理？",
    "要多长时间？",
    "标准是多少？",
    "有没有补贴？",
    "能不能网上办理？",
    "什么时候能解决？",
    "为什么一直没有回复？",
    "政策有没有调整？",
]
PROBLEMS = [
    "问题反映了很久",
    "办理过程中遇到困难",
    "排队时间太长",
    "线上系统经常打不开",
    "窗口说材料不全",
    "听说今年政策有变化",
]
CHANNELS = ["粤省事", "一网通办平台", "政务服务中心窗口", "12345热线", "各区服务大厅", "微信公众号"]
PERIODS = ["三个工作日", "五个工作日", "十个工作日", "一个月", "两个月"]
POLICIES = [
    "《珠海市住房公积金管理办法》",
    "省人社厅有关规定",
    "市政府2022年工作部署",
    "国家有关政策",
    "《广东省城乡居民基本养老保险实施办法》",
]
RULES = [
    "按年度调整",
    "实行属地管理",
    "须提供身份证明和户口簿",
    "已纳入今年的民生实事",
    "由各区统一组织实施",
    "符合条件的可以申请",
]
EXTRAS = [
    "市民如有疑问可拨打12345热线咨询。",
    "相关部门将加强监督检查。",
    "下一步将继续优化服务流程。",
    "具体办事指南已在门户网站公布。",
    "",
]
# Words that no item holds: a query of them finds nothing, beside others it falls back to OR.
ABSENT = ["潜水艇", "火星基地", "量子计算机", "北极熊", "滑雪场", "航天飞机"]
KINDS = [("exchange", 70), ("reply", 20), ("question", 8), ("session", 2)]


class Writer:
    """Questions and answers from the vocabularies, from a fixed seed."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def pick(self, words):
        return self.rng.choice(words)

    def question(self):
        r = self.rng.random()
        topic, place, person = self.pick(TOPICS), self.pick(PLACES), self.pick(PEOPLE)
        if r < 0.35:
            return f"{place}的{person}想咨询，{self.pick(ACTIONS)}{topic}{self.pick(ASKS)}"
        if r < 0.7:
            return f"请问{person}{self.pick(ACTIONS)}{topic}{self.pick(ASKS)}"
        if r < 0.9:
            return f"{place}{topic}{self.pick(PROBLEMS)}，{self.pick(ASKS)}"
        other = self.pick(TOPICS)
        return f"{person}同时涉及{topic}和{other}，{self.pick(ASKS)}"

    def answer(self, unit):
        r = self.rng.random()
        topic = self.pick(TOPICS)
        if r < 0.5:
            return (
                f"{unit}答复：{self.pick(PEOPLE)}{self.pick(ACTIONS)}{topic}，可通过"
                f"{self.pick(CHANNELS)}办理，{self.pick(PERIODS)}内办结。{self.pick(EXTRAS)}"
            )
        return (
            f"根据{self.pick(POLICIES)}，{topic}{self.pick(RULES)}。{unit}将会同"
            f"{self.pick(UNITS)[0]}做好{self.pick(TOPICS)}工作。{self.pick(EXTRAS)}"
        )

    def kind(self):
        return self.rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]

    def query(self):
        """One to three words of the vocabularies, as typed or spaced, or absent words."""
        r = self.rng.random()
        if r < 0.05:
            return self.pick(ABSENT)
        if r < 0.10:
            return f"{self.pick(TOPICS)} {self.pick(ABSENT)}"
        if r < 0.45:
            return self.pick(TOPICS)
        if r < 0.55:
            return self.pick(UNITS)[self.rng.randrange(2)]
        if r < 0.75:
            second = self.pick([*PLACES, *PEOPLE, *ACTIONS, *(short for _n, short in UNITS)])
            return f"{self.pick(TOPICS)} {second}"
        if r < 0.90:
            return f"{self.pick(ACTIONS)}{self.pick(TOPICS)}{self.pick(ASKS)}"
        return f"{self.pick(PLACES)} {self.pick(TOPICS)} {self.pick(ACTIONS)}"


def timed(label, work):
    started = time.perf_counter()
    result = work()
    print(f"{label:<40}{time.perf_counter() - started:8.1f} s", flush=True)
    return result


# --- the world ---------------------------------------------------------------------------------


class World:
    """The units, the column, the year and the sessions that the items belong to."""

    def __init__(self):
        from wagtail.models import Locale, Site

        from onlinetalk.departments.models import Department
        from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage
        from onlinetalk.sessions.models import TalkSessionPage

        self.locale = Locale.get_default()
        home = Site.objects.get(is_default_site=True).root_page
        column = home.add_child(instance=TalkIndexPage(title="民生在线", slug="minsheng-online"))
        year = column.add_child(
            instance=AnnualSchedulePage(
                title="2022年民生在线",
                slug="2022",
                year=2022,
                notice="<p>年度安排通知。</p>",
                issuing_office="市政府办公室",
            )
        )
        self.units = [
            Department.objects.create(name=name, short_name=short) for name, short in UNITS
        ]
        self.sessions = []
        for number in range(SESSIONS):
            unit = self.units[number % len(self.units)]
            session = year.add_child(
                instance=TalkSessionPage(
                    title=f"{TOPICS[number % len(TOPICS)]}政策在线访谈",
                    slug=f"session-{number:03}",
                    start=datetime.datetime(2022, 1, 5, 10, tzinfo=SHANGHAI)
                    + datetime.timedelta(days=3 * number),
                    summary=f"{unit.name}就{TOPICS[number % len(TOPICS)]}回应市民关切。",
                )
            )
            session.departments.add(unit)
            self.sessions.append((session, unit))
        self.writer = Writer(SEED)
        self.items = 0


def grow(world, size):
    """Items until there are `size`: (segmenting, storing, indexing) seconds."""
    from django.db import transaction
    from wagtail.search.backends import get_search_backends

    from onlinetalk.search.models import GROUP_OF_KIND, SearchItem
    from onlinetalk.segmentation.words import index_text

    segmenting = storing = indexing = 0.0
    through = SearchItem.departments.through
    writer = world.writer
    while world.items < size:
        count = min(BATCH, size - world.items)
        started = time.perf_counter()
        batch, units = [], []
        for number in range(world.items, world.items + count):
            session, unit = world.sessions[number % len(world.sessions)]
            kind = writer.kind()
            question = writer.question()
            answer = "" if kind == "question" else writer.answer(unit.name)
            title = session.title if kind == "session" else question
            text = f"{question}\n{answer}" if answer else question
            batch.append(
                SearchItem(
                    key=f"bench:{number}",
                    kind=kind,
                    group=GROUP_OF_KIND[kind],
                    locale_id=world.locale.pk,
                    page_id=session.pk,
                    anchor="" if kind == "session" else f"transcript-{number}",
                    session_id=session.pk,
                    title=title[:255],
                    text=text,
                    answer=answer,
                    answered=bool(answer),
                    date=session.start,
                    year=2022,
                    title_words=index_text(title),
                    words=index_text(text, f"{unit.name} {unit.short_name}"),
                )
            )
            units.append(unit)
        segmenting += time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            saved = SearchItem.objects.bulk_create(batch)
            through.objects.bulk_create(
                [
                    through(searchitem_id=item.pk, department_id=unit.pk)
                    for item, unit in zip(saved, units, strict=True)
                ]
            )
        storing += time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(SearchItem, saved)
        indexing += time.perf_counter() - started
        world.items += count
    return segmenting, storing, indexing


def analyse():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


# --- the queries -------------------------------------------------------------------------------


def one_page(query, locale):
    """What the results page asks of the search: the first ten and the count."""
    from onlinetalk.search.service import search_items

    outcome = search_items(query, locale)
    page = list(outcome.results[:10])
    return outcome, page, outcome.results.count()


def run_queries(world, queries):
    from django.db import connection

    for query in queries[:20]:  # warm the caches (not measured)
        one_page(query, world.locale)
    timings, found, relaxed, empty, sql = [], 0, 0, 0, []
    for query in queries:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            outcome, _page, count = one_page(query, world.locale)
            timings.append((time.perf_counter() - started) * 1000)
        sql.append(counter.count)
        found += count
        relaxed += outcome.relaxed
        empty += not count
    return timings, {
        "mean found": found / len(queries),
        "relaxed": relaxed,
        "empty": empty,
        "max sql": max(sql),
    }


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Recorder(QueryCounter):
    """Also keeps each statement and its parameters."""

    def __init__(self):
        super().__init__()
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return super().__call__(execute, sql, params, many, context)


def explain(world, query):
    """EXPLAIN ANALYZE of each statement the page of `query` makes (PostgreSQL)."""
    from django.db import connection

    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        outcome, _page, count = one_page(query, world.locale)
    print(f"\n{query!r}: {count} found, relaxed={outcome.relaxed}")
    for sql, params in recorder.statements:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            print(f"\nEXPLAIN ANALYZE {sql[:90]}…")
            for (line,) in cursor.fetchall():
                print(f"  {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file of the bench's own")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    args = parser.parse_args()
    workdir = None
    database = None
    if args.sqlite:
        workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
        from bench.benchdb import BenchDatabase

        sqlite = BenchDatabase(url=f"sqlite:///{workdir / 'search_bench.sqlite3'}", name="")
        prepare_environment(sqlite, workdir)
        print(f"database                                {sqlite.url}", flush=True)
    else:
        try:
            database = bench_database_from_environment()
        except RefusedDatabase as error:
            raise SystemExit(f"search refused: {error}") from None
        workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
        prepare_environment(database, workdir)
        print(f"database                                {database.url}: create …", flush=True)
        try:
            database.create()
        except RefusedDatabase as error:
            shutil.rmtree(workdir, ignore_errors=True)
            raise SystemExit(f"search refused: {error}") from None
    django_ready = False
    try:
        import django

        django.setup()
        django_ready = True
        from django.core.management import call_command
        from django.db import connection

        timed("migrate", lambda: call_command("migrate", interactive=False, stdout=io.StringIO()))
        world = timed("units, column, year, 100 sessions", World)
        writer = Writer(SEED + 1)
        queries = [writer.query() for _ in range(args.queries)]
        rows = []
        for size in sorted(args.sizes):
            segmenting, storing, indexing = grow(world, size)
            print(
                f"items to {size:<8} segment {segmenting:6.1f} s, store {storing:6.1f} s, "
                f"index {indexing:6.1f} s",
                flush=True,
            )
            timed("  VACUUM ANALYZE" if connection.vendor == "postgresql" else "  ANALYZE", analyse)
            timings, facts = run_queries(world, queries)
            rows.append(
                {
                    "items": size,
                    "index s": indexing,
                    "p50 ms": percentile(timings, 0.5),
                    "p95 ms": percentile(timings, 0.95),
                    "max ms": max(timings),
                    **facts,
                    "slowest": queries[max(range(len(timings)), key=timings.__getitem__)],
                }
            )
        report(rows, connection.vendor)
        if args.explain and connection.vendor == "postgresql":
            explain(world, rows[-1]["slowest"])
    finally:
        if django_ready:
            from django.db import connections

            connections.close_all()
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
        if database is not None:
            if args.keep_db:
                print(f"database kept   {database.url}")
            else:
                database.drop()


COLUMNS = [
    ("items", "{:>8}"),
    ("index s", "{:>8.1f}"),
    ("p50 ms", "{:>7.1f}"),
    ("p95 ms", "{:>7.1f}"),
    ("max ms", "{:>7.1f}"),
    ("mean found", "{:>11.0f}"),
    ("relaxed", "{:>8}"),
    ("empty", "{:>6}"),
    ("max sql", "{:>8}"),
]


def report(rows, vendor):
    print(f"\n{vendor}: {len(rows)} sizes, the same queries at each")
    header = []
    for name, fmt in COLUMNS:
        width = int(fmt.strip("{:>}").split(".")[0].rstrip("f"))
        header.append(f"{name:>{width}}")
    print(" ".join(header) + "  slowest query")
    for row in rows:
        print(" ".join(fmt.format(row[name]) for name, fmt in COLUMNS) + f"  {row['slowest']}")
    if len(rows) > 1:
        ratio = rows[-1]["p95 ms"] / rows[0]["p95 ms"]
        print(f"\np95 at {rows[-1]['items']} / p95 at {rows[0]['items']}: {ratio:.2f}")
    print(
        "a query: search_items, the first ten results and the count (the results page); "
        "relaxed: AND found nothing, OR did; empty: nothing found."
    )


if __name__ == "__main__":
    main()
