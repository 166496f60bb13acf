"""Demo content: the 2022 Minsheng Online programme of the Zhuhai portal (shared/seed), in
Chinese and English. The page texts summarise the notice in our own words."""

import datetime

HOME = {
    "title": ("首页", "Home"),
    "intro": (
        "<p>欢迎访问珠海市人民政府门户网站。“民生在线”栏目邀请市政府各部门负责人与网民在线交流。</p>",
        "<p>Welcome to the Zhuhai municipal government portal. In the Minsheng Online column, "
        "heads of the city's departments talk online with citizens.</p>",
    ),
}

COLUMN = {
    "slug": "minsheng-online",
    "title": ("民生在线", "Minsheng Online"),
    "intro": (
        "<p>市政府各部门负责人通过图文直播与网民就民生热点问题在线交流，会后在“热点回应”栏目答复"
        "未及解答的问题。</p>",
        "<p>Heads of the municipal departments answer citizens' questions on livelihood issues in "
        "live text-and-image sessions; questions left open are answered afterwards under Hot "
        "Responses.</p>",
    ),
}

# (Chinese name, Chinese short name, English name, English short name, demo reminder address)
UNITS = [
    ("市发展改革局", "发改局", "Development and Reform Bureau", "DRB", "fgj"),
    (
        "市人力资源社会保障局",
        "人社局",
        "Human Resources and Social Security Bureau",
        "HRSSB",
        "rsj",
    ),
    ("市交通运输局", "交通局", "Transport Bureau", "Transport", "jtj"),
    ("市市场监管局", "市场监管局", "Administration for Market Regulation", "AMR", "scjgj"),
    ("市审计局", "审计局", "Audit Bureau", "Audit", "sjj"),
    (
        "市城市管理综合执法局",
        "城管局",
        "Urban Management and Comprehensive Law Enforcement Bureau",
        "Urban Management",
        "cgj",
    ),
    ("市农业农村局", "农业农村局", "Agriculture and Rural Affairs Bureau", "Agriculture", "nyj"),
    (
        "市国资委",
        "国资委",
        "State-owned Assets Supervision and Administration Commission",
        "SASAC",
        "gzw",
    ),
    ("市教育局", "教育局", "Education Bureau", "Education", "jyj"),
    ("市民政局", "民政局", "Civil Affairs Bureau", "Civil Affairs", "mzj"),
    ("市不动产登记中心", "不动产登记中心", "Real Estate Registration Center", "Real Estate", "bdc"),
]

# The annex: month → units (Chinese names).
ANNEX = [
    (3, ["市发展改革局"]),
    (4, ["市人力资源社会保障局"]),
    (5, ["市交通运输局"]),
    (6, ["市市场监管局"]),
    (7, ["市审计局"]),
    (8, ["市城市管理综合执法局"]),
    (9, ["市农业农村局"]),
    (10, ["市国资委"]),
    (11, ["市教育局", "市民政局"]),
    (12, ["市不动产登记中心"]),
]

YEAR = {
    "slug": "2022",
    "year": 2022,
    "title": (
        "2022年市政府门户网站民生在线互动交流",
        "Minsheng Online 2022: the portal's interactive sessions",
    ),
    "issuing_office": (
        "珠海市人民政府办公室",
        "General Office of the Zhuhai Municipal People's Government",
    ),
    "issue_date": datetime.date(2021, 11, 8),
    "first_month": 3,
    "last_month": 12,
    "join_deadline": datetime.date(2022, 3, 1),
}

# The notice, summarised paragraph by paragraph: (Chinese, English).
NOTICE = [
    (
        "2022年，市政府门户网站继续开展“民生在线”互动交流活动：市政府各部门、直属各单位负责人结合"
        "各自职责，就群众关心的民生热点问题与网民在线交流。",
        "In 2022 the portal continues its Minsheng Online sessions: heads of the municipal "
        "departments and directly affiliated units talk with citizens online about the livelihood "
        "issues that concern them, each within their own remit.",
    ),
    (
        "交流地点为珠海信息大厦一楼市政府“在线交流专区”，通过“民生在线”栏目以图文直播、视频录播的"
        "形式进行。",
        "Sessions take place in the online exchange area on the ground floor of the Zhuhai "
        "Information Building and are broadcast in the Minsheng Online column as live text and "
        "images, with a recorded video.",
    ),
    (
        "从3月至12月，每月至少安排一期，共邀请11个单位的领导参加（见附件排期表）。其他需要纳入本年度"
        "计划的单位，请于2022年3月1日前与市政府办公室联系；特殊情况可于活动开展前1个月联系。",
        "From March to December there is at least one session a month, with leaders of 11 units "
        "(see the schedule in the annex). Other units that wish to join this year's plan contact "
        "the General Office by 1 March 2022, or in special cases one month before their session.",
    ),
    (
        "每期活动的流程：活动前15天由单位制定方案（时间、主题、参与领导）；提前7天在门户网站发布预告；"
        "预告发布后通过网上留言板收集网民问题，整理后提交领导参阅；活动前一天下午彩排；领导在线交流，"
        "一般为一小时。",
        "Each session follows the same steps: the unit writes its plan (time, topic, leaders) 15 "
        "days ahead; the portal publishes the announcement 7 days ahead; citizens' questions are "
        "collected on the message board and handed to the leaders; the rehearsal is on the "
        "afternoon before; the live exchange usually lasts one hour.",
    ),
    (
        "领导来不及在线解答的问题、交流中承诺解决事项的进展以及网民建设性意见的采纳情况，于活动结束后"
        "10个工作日内在“热点回应”栏目分类发布。",
        "Questions left unanswered, progress on commitments made during the session and whether "
        "citizens' suggestions were adopted are published by category in the Hot Responses column "
        "within 10 working days after the session.",
    ),
]
