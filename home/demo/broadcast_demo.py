"""The demo's live broadcasts: the stream of the live showcase session (Chinese only: the English
page says the broadcast is in Chinese) and the stream of the showcase that ended yesterday, whose
compiled transcript is translated (every text as (Chinese, English)).

Each entry: the minute after the start it was posted, its role, its text, and optionally
`question` (an index into questions_demo.LIVE: the question is taken from the board), `image`
(alt text and caption), `flag`, `correct` (minute, new text) or `retract` (minute, reason).
"""

PHOTO_TITLE = "演示：访谈现场"

LIVE_STREAM = [
    {
        "minute": 0,
        "role": "host",
        "text": "各位网友，大家好！欢迎来到“民生在线”。今天我们邀请到市交通运输局负责人，"
        "与大家交流轨道交通规划与市民出行。",
    },
    {
        "minute": 1,
        "role": "host",
        "text": "今天做客访谈的嘉宾是市交通运输局局长黄志强。欢迎黄局长！",
    },
    {
        "minute": 2,
        "role": "guest",
        "text": "各位网友大家好！很高兴通过“民生在线”和大家交流。今天主要介绍轨道交通"
        "规划建设的进展，也请大家多提意见建议。",
    },
    {
        "minute": 3,
        "role": "host",
        "text": "访谈现场。",
        "image": (
            "黄志强局长（左）在访谈间与主持人交流，桌上摆放着轨道交通线网规划图",
            "访谈现场",
        ),
    },
    {"minute": 4, "role": "citizen", "question": 0},
    {
        "minute": 6,
        "role": "guest",
        "text": "1号线一期工程目前已完成全部车站主体结构，正在进行设备安装和调试。"
        "<strong>我们承诺明年6月底前开通试运营</strong>，届时将提前向社会公布运营时刻。",
        "flag": "commitment",
    },
    {"minute": 8, "role": "citizen", "question": 1},
    {
        "minute": 9,
        "role": "guest",
        "text": "一期沿线将同步调整3条公交线路，每个车站出入口都规划了非机动车停放区。",
        "correct": (
            11,
            "一期沿线将同步调整5条公交线路，每个车站出入口都规划了非机动车停放区。",
        ),
    },
    {
        "minute": 12,
        "role": "host",
        "text": "下面请大家看一下轨道交通线网规划图。",
        "retract": (13, "图片未能上传，稍后补发。"),
    },
    {"minute": 14, "role": "citizen", "question": 2},
    {
        "minute": 15,
        "role": "guest",
        "text": "票价方案将依法组织听证。网友提出的学生、老年人优惠建议很好，"
        "我们会在方案中采纳，具体标准听证后公布。",
        "flag": "suggestion",
    },
    {
        "minute": 17,
        "role": "citizen",
        "asker": "拱北街坊",
        "text": "施工期间拱北一带经常堵车，有没有疏导措施？",
    },
    {
        "minute": 18,
        "role": "guest",
        "text": "我们已会同交警部门在施工路段增设临时信号灯和引导员，早晚高峰加强疏导。",
    },
    {
        "minute": 19,
        "role": "notice",
        "text": "本期访谈预计11时结束。未能在线答复的问题，将在10个工作日内在“热点回应”栏目答复。",
    },
]

ENDED_STREAM = [
    {
        "minute": 0,
        "role": "host",
        "text": (
            "各位网友，欢迎来到“民生在线”。今天我们邀请到市民政局负责人，介绍冬季困难群众"
            "帮扶工作。",
            "Welcome to Minsheng Online. Today the head of the Civil Affairs Bureau presents "
            "this winter's help for families in need.",
        ),
    },
    {
        "minute": 2,
        "role": "guest",
        "text": (
            "大家好！入冬以来，我们对全市低保、特困家庭开展了走访摸底。",
            "Hello everyone. Since the start of winter we have visited every family on "
            "minimum living allowance or in extreme hardship.",
        ),
    },
    {
        "minute": 3,
        "role": "host",
        "text": ("访谈现场。", "The studio."),
        "image": (
            ("杨帆局长在访谈间回答网友提问", "Director Yang Fan answering questions in the studio"),
            ("访谈现场", "In the studio"),
        ),
    },
    {
        "minute": 5,
        "role": "citizen",
        "asker": ("香洲居民", "A Xiangzhou resident"),
        "text": (
            "今年冬季临时救助怎么申请？",
            "How do we apply for temporary assistance this winter?",
        ),
    },
    {
        "minute": 7,
        "role": "guest",
        "text": (
            "可以向户籍地或居住地的镇街提出申请，急难情况先行救助、事后补办手续。",
            "Apply at your town or street office where you are registered or live; in an "
            "emergency, help comes first and the paperwork afterwards.",
        ),
        "flag": "commitment",
    },
    {
        "minute": 9,
        "role": "host",
        "text": ("这条消息发重了。", "This entry was posted twice."),
        "retract": (10, "重复发布。"),
    },
    {
        "minute": 20,
        "role": "citizen",
        "asker": ("热心志愿者", "A volunteer"),
        "text": (
            "志愿者怎样参与冬季送温暖活动？",
            "How can volunteers join the winter outreach?",
        ),
    },
    {
        "minute": 22,
        "role": "guest",
        "text": (
            "欢迎通过“志愿珠海”平台报名，各镇街会就近安排走访和物资发放。",
            "Sign up on the city's volunteer platform; each town or street office arranges "
            "visits and deliveries near you.",
        ),
    },
    {
        "minute": 58,
        "role": "notice",
        "text": (
            "感谢各位网友的参与。未能在线答复的问题，将在10个工作日内在“热点回应”栏目答复。",
            "Thank you for taking part. Questions we could not answer live will be answered "
            "in Hot Responses within 10 working days.",
        ),
    },
]
