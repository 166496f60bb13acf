"""Demo questions: categories, and what citizens asked the showcase and two 2022 sessions.
Written for the demo; each entry is (nickname, text, language, status, category, upvotes, extra)."""

CATEGORIES = [
    ("交通出行", "Transport", 10),
    ("教育", "Education", 20),
    ("社会保障", "Social security", 30),
    ("城市管理", "City management", 40),
    ("其他", "Other", 90),
]

REVIEW_WORDS = [
    ("投诉", "可能涉及具体投诉，转相关部门办理"),
    ("举报", "可能涉及举报线索，按规定转办"),
]

# The announced showcase session: the board is open.
ANNOUNCED = [
    (
        "海滨市民",
        "香洲区到横琴的公交线路高峰期很挤，能否增加班次或开通快线？",
        "zh-hans",
        "accepted",
        "交通出行",
        23,
        {},
    ),
    (
        "斗门老李",
        "农村公路的路灯什么时候能全部装好？晚上出行不太安全。",
        "zh-hans",
        "accepted",
        "城市管理",
        11,
        {},
    ),
    (
        "Expat parent",
        "Will there be more public school places for children of foreign residents next year?",
        "en",
        "accepted",
        "教育",
        7,
        {},
    ),
    (
        "金湾小陈",
        "灵活就业人员参加职工养老保险，缴费基数可以自己选择吗？",
        "zh-hans",
        "pending",
        "",
        0,
        {},
    ),
    (
        "匿名",
        "我要投诉小区物业长期不处理电梯故障，希望有关部门督促。",
        "zh-hans",
        "pending",
        "",
        0,
        {"flagged": True},
    ),
    ("路人甲", "今天天气真好。", "zh-hans", "rejected", "", 0, {"reason": "与本期交流主题无关。"}),
    (
        "横琴上班族",
        "香洲到横琴高峰期公交太挤，建议加密班次。",
        "zh-hans",
        "merged",
        "交通出行",
        4,
        {"into": 0},
    ),
]

# The live showcase session: accepted before the start; the first three are put to the leader
# live (broadcast_demo.LIVE_STREAM), the fourth still waits for its fate.
LIVE = [
    (
        "海滨市民",
        "轨道交通1号线什么时候能开通？",
        "zh-hans",
        "accepted",
        "交通出行",
        42,
        {},
    ),
    (
        "香洲上班族",
        "地铁站能否配套建设公交接驳站和共享单车停放点？",
        "zh-hans",
        "accepted",
        "交通出行",
        27,
        {},
    ),
    (
        "金湾小陈",
        "轨道交通票价会怎么定？有没有学生和老年人优惠？",
        "zh-hans",
        "accepted",
        "交通出行",
        19,
        {},
    ),
    (
        "斗门老李",
        "斗门区什么时候能规划轨道交通线路？",
        "zh-hans",
        "accepted",
        "交通出行",
        12,
        {},
    ),
    (
        "路过",
        "地铁施工噪音太大，晚上能不能停工？",
        "zh-hans",
        "pending",
        "",
        0,
        {},
    ),
]

# Two 2022 sessions, after the event: answered live, accepted (answered later in the hot response,
# responses_demo), declined.
PAST = {
    "2022-09-agriculture-and-rural-affairs": [
        (
            "斗门果农",
            "荔枝龙眼等特色农产品的冷链物流有什么扶持政策？",
            "zh-hans",
            "answered_live",
            "其他",
            15,
            {},
        ),
        (
            "乡村振兴关注者",
            "农村人居环境整治后，垃圾清运的长效机制怎么保障？",
            "zh-hans",
            "accepted",
            "城市管理",
            9,
            {},
        ),
        (
            "小王",
            "能不能帮我查一下我家的宅基地证办到哪一步了？",
            "zh-hans",
            "rejected",
            "",
            0,
            {"reason": "涉及个人具体事项，请通过12345热线办理。"},
        ),
    ],
    "2022-11-education": [
        (
            "家长A",
            "2023年秋季学期公办学位会新增多少个？",
            "zh-hans",
            "answered_live",
            "教育",
            31,
            {},
        ),
        (
            "家长B",
            "课后服务的收费标准和时长是怎样规定的？",
            "zh-hans",
            "accepted",
            "教育",
            12,
            {},
        ),
    ],
}
