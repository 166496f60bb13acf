"""Demo content: the hot responses (热点回应) of the 2022 sessions, written for the demo, in Chinese
with English translations.

Every 2022 session of the programme has one. Each entry:
- `session`: the session's slug (sessions_2022);
- `questions`: accepted questions citizens sent in before the session and the leaders had no time
  for (nickname, text, category, upvotes), added once each, keyed by their text;
- `title`, `summary`: the response's title and summary, as (Chinese, English);
- `published`: the working day after the session on which it was published (the deadline is the
  10th), or a date for the one published late, with its `late_explanation`;
- `replies`: each answers the questions (by their text) with its paragraphs;
- `commitments`: what the leaders committed to live (`exchange`: the transcript's exchange it was
  made in), by whom, by when, and its dated progress updates, one with a `photo` (image title,
  alternative text, what the drawing shows) (Chinese only: a commitment is a record of its own,
  not translated);
- `suggestions`: citizens' suggestions, adopted, partly adopted or not adopted, and how or why.

Statuses of the commitments across the demo: done, in progress, not started (waiting for the
first phase of another project) and dropped (with its public reason).
"""

import datetime

D = datetime.date

INDEX = {
    "slug": "hot-responses",
    "title": ("热点回应", "Hot Responses"),
    "intro": (
        "<p>“民生在线”访谈结束后10个工作日内，参加访谈的单位在本栏目分类发布：领导来不及在线解答"
        "的问题的答复、交流中承诺解决事项的进展，以及网民建设性意见建议的采纳情况。</p>",
        "<p>Within 10 working days after each Minsheng Online session, the unit that took part "
        "publishes here, by category, its replies to the questions the leaders had no time to "
        "answer live, the progress of what they committed to during the session, and whether "
        "citizens' constructive suggestions were adopted.</p>",
    ),
}

RESPONSES = [
    {
        "session": "2022-03-development-and-reform",
        "questions": [
            (
                "香洲居民老何",
                "今年水电气价格会不会上调？调价前会不会听取市民意见？",
                "其他",
                18,
            ),
            (
                "珠江潮",
                "重点项目施工影响周边出行，能不能提前公布工期和绕行方案？",
                "交通出行",
                9,
            ),
        ],
        "title": (
            "“优化营商环境 推动高质量发展”访谈热点回应",
            "Hot response: better business environment, higher-quality growth",
        ),
        "summary": (
            "市发展改革局答复网民关于水电气价格和重点项目施工信息公开的提问，通报“一网通办”"
            "承诺事项的进展和网民建议的采纳情况。",
            "The Development and Reform Bureau answers questions on utility prices and on "
            "information about the works of key projects, reports on its one-platform services "
            "commitment and says which suggestions it adopted.",
        ),
        "published": 8,
        "replies": [
            {
                "questions": ["今年水电气价格会不会上调？调价前会不会听取市民意见？"],
                "question_summary": (
                    "水电气价格是否上调，调价前是否听取意见。",
                    "Will water, power and gas prices rise, and will citizens be consulted?",
                ),
                "reply": [
                    (
                        "今年我市居民生活用水、用电、用气价格没有调整计划。",
                        "There is no plan this year to change household water, electricity or "
                        "gas prices.",
                    ),
                    (
                        "今后如需调整，将依法开展成本监审，并通过听证会和网上征求意见听取市民"
                        "意见，听证结果向社会公开。",
                        "Any future change will follow a cost review required by law, a public "
                        "hearing and an online consultation; the outcome of the hearing is "
                        "published.",
                    ),
                ],
                "answered_by": ("市发展改革局价格管理科", "Price Management Section, DRB"),
            },
            {
                "questions": ["重点项目施工影响周边出行，能不能提前公布工期和绕行方案？"],
                "question_summary": (
                    "能否提前公布重点项目的工期和绕行方案。",
                    "Can the works' schedules and detours be published in advance?",
                ),
                "reply": [
                    (
                        "自4月起，市重点项目开工前将在项目所在地和门户网站公示工期、施工范围和"
                        "交通疏导方案。",
                        "From April, each key project posts its schedule, site and traffic plan "
                        "on site and on the portal before work starts.",
                    ),
                ],
                "answered_by": ("市发展改革局重点项目科", "Key Projects Section, DRB"),
            },
        ],
        "commitments": [
            {
                "text": "年内实现企业开办、变更、注销等高频事项“一网通办”，网上一次办结。",
                "owner": "市发展改革局营商环境科",
                "exchange": 1,
                "expected_on": D(2022, 12, 31),
                "updates": [
                    {
                        "on": D(2022, 6, 30),
                        "status": "in_progress",
                        "progress": 60,
                        "note": "企业开办、变更两类事项已上线“一网通办”平台，注销事项正在调试。",
                    },
                    {
                        "on": D(2022, 11, 25),
                        "status": "done",
                        "progress": 100,
                        "note": "企业注销事项上线，三类高频事项均可网上一次办结。",
                    },
                ],
            },
            {
                "text": "在市民服务中心设立小微企业服务专窗。",
                "owner": "市发展改革局营商环境科",
                "exchange": 1,
                "expected_on": D(2022, 9, 30),
                "updates": [
                    {
                        "on": D(2022, 8, 15),
                        "status": "dropped",
                        "progress": 0,
                        "note": "不再单独设立专窗。",
                        "reason": "市民服务中心推行“综合窗口”改革，所有窗口均可办理小微企业事项，"
                        "不再单独设立专窗；原计划的专窗服务并入综合窗口。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议在重点项目公示中增加工期和交通疏导信息。",
                    "Add the schedule and traffic arrangements to the notices of key projects.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。自4月起开工的重点项目均在现场和门户网站公示工期和交通疏导方案。",
                        "Adopted. Every key project starting from April posts its schedule and "
                        "traffic arrangements on site and on the portal.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-04-human-resources-and-social-security",
        "questions": [
            (
                "灵活就业的小黄",
                "灵活就业人员怎样参加职工养老保险？可以在网上办理吗？",
                "社会保障",
                21,
            ),
            (
                "技校学生",
                "参加职业技能培训后，培训补贴怎么申领？",
                "社会保障",
                7,
            ),
        ],
        "title": (
            "“稳就业 保民生 社保服务再升级”访谈热点回应",
            "Hot response: jobs, livelihoods and better social insurance services",
        ),
        "summary": (
            "市人力资源社会保障局答复灵活就业人员参保和技能培训补贴申领的提问，通报毕业生招聘"
            "活动承诺的进展。",
            "The Human Resources and Social Security Bureau answers questions on pension "
            "insurance for the self-employed and on training subsidies, and reports on its "
            "graduate job fairs.",
        ),
        "published": 7,
        "replies": [
            {
                "questions": ["灵活就业人员怎样参加职工养老保险？可以在网上办理吗？"],
                "question_summary": (
                    "灵活就业人员如何参加职工养老保险。",
                    "How do the self-employed join the employees' pension insurance?",
                ),
                "reply": [
                    (
                        "在本市灵活就业的人员，可在“广东人社”网上服务平台或社保经办窗口办理参保"
                        "登记，按月或按季度缴费。",
                        "People working flexibly in the city register on the Guangdong human "
                        "resources online platform or at a social insurance counter and pay "
                        "monthly or quarterly.",
                    ),
                    (
                        "缴费基数可在全省统一公布的上下限之间自行选择。",
                        "They choose their contribution base between the limits published for "
                        "the province.",
                    ),
                ],
                "answered_by": ("市社会保险基金管理中心", "Social Insurance Fund Centre"),
            },
            {
                "questions": ["参加职业技能培训后，培训补贴怎么申领？"],
                "question_summary": (
                    "职业技能培训补贴如何申领。",
                    "How is the vocational training subsidy claimed?",
                ),
                "reply": [
                    (
                        "取得职业资格证书或职业技能等级证书后12个月内，可通过网上服务平台提交"
                        "申请，审核通过后补贴直接发放到本人社保卡。",
                        "Within 12 months of obtaining the certificate, apply on the online "
                        "platform; once approved, the subsidy is paid onto your social security "
                        "card.",
                    ),
                ],
                "answered_by": (
                    "市人力资源社会保障局职业能力建设科",
                    "Vocational Skills Section, HRSSB",
                ),
            },
        ],
        "commitments": [
            {
                "text": "开展高校毕业生就业服务季，年内举办专场招聘会不少于30场。",
                "owner": "市公共就业服务中心",
                "exchange": 0,
                "expected_on": D(2022, 12, 31),
                "updates": [
                    {
                        "on": D(2022, 7, 29),
                        "status": "in_progress",
                        "progress": 50,
                        "note": "已举办专场招聘会16场，提供岗位1.2万个。",
                    },
                    {
                        "on": D(2022, 12, 20),
                        "status": "done",
                        "progress": 100,
                        "note": "全年举办专场招聘会34场，超过承诺场次。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议毕业生生活补贴和租房补贴改为网上申领，不用跑窗口。",
                    "Let graduates claim the living and rent subsidies online instead of at a "
                    "counter.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。6月1日起两项补贴均可在网上服务平台申领，材料齐全的10个工作日内"
                        "发放。",
                        "Adopted. From 1 June both subsidies are claimed online and paid within "
                        "10 working days of a complete application.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-05-transport",
        "questions": [
            (
                "唐家夜归人",
                "唐家湾到市区晚上10点后就没有公交了，能不能开通夜间公交？",
                "交通出行",
                26,
            ),
            (
                "前山街坊",
                "不少公交站台没有遮雨棚，下雨天候车很不方便，有没有改造计划？",
                "交通出行",
                14,
            ),
        ],
        "title": (
            "“公交出行更便捷”访谈热点回应",
            "Hot response: easier journeys by public transport",
        ),
        "summary": (
            "市交通运输局答复夜间公交和公交站台遮雨棚的提问，通报高峰加密班次和新增停车泊位"
            "两项承诺的进展，以及延长末班车建议的采纳情况。",
            "The Transport Bureau answers questions on night buses and shelters at bus stops, "
            "reports on more peak-hour buses and new parking spaces, and on the suggestion to "
            "run later last buses.",
        ),
        "published": 8,
        "replies": [
            {
                "questions": ["唐家湾到市区晚上10点后就没有公交了，能不能开通夜间公交？"],
                "question_summary": (
                    "唐家湾至市区能否开通夜间公交。",
                    "Can there be a night bus between Tangjiawan and the city centre?",
                ),
                "reply": [
                    (
                        "我们已开展夜间客流调查，计划于7月开通唐家湾至拱北的夜间公交线路，"
                        "运营至次日0时30分。",
                        "A survey of evening passengers has been made; a night route from "
                        "Tangjiawan to Gongbei is planned from July, running until 00:30.",
                    ),
                    (
                        "开通时间和站点将提前在门户网站和公交站台公布。",
                        "Its start date and stops will be announced on the portal and at the "
                        "stops.",
                    ),
                ],
                "answered_by": ("市交通运输局公交管理科", "Bus Section, Transport Bureau"),
            },
            {
                "questions": ["不少公交站台没有遮雨棚，下雨天候车很不方便，有没有改造计划？"],
                "question_summary": (
                    "公交站台遮雨棚改造计划。",
                    "Plans for shelters at bus stops.",
                ),
                "reply": [
                    (
                        "今年将改造候车亭120座，优先改造客流大、无遮挡的站点，改造清单将在门户"
                        "网站公布。",
                        "120 bus shelters are being rebuilt this year, the busiest stops without "
                        "cover first; the list will be published on the portal.",
                    ),
                ],
                "answered_by": ("市交通运输局公交管理科", "Bus Section, Transport Bureau"),
            },
        ],
        "commitments": [
            {
                "text": "根据客流数据，在主要公交线路早晚高峰时段加密班次。",
                "owner": "市交通运输局公交管理科",
                "exchange": 0,
                "expected_on": D(2022, 9, 30),
                "updates": [
                    {
                        "on": D(2022, 6, 20),
                        "status": "in_progress",
                        "progress": 40,
                        "note": "完成主要线路客流分析，确定首批加密的8条线路。",
                    },
                    {
                        "on": D(2022, 9, 15),
                        "status": "done",
                        "progress": 100,
                        "note": "8条主要线路高峰发车间隔由10分钟缩短至6分钟，并新增高峰车辆40台。",
                        "photo": (
                            "演示：高峰加密的公交车",
                            "早高峰时段公交站台前，一辆加密班次的公交车正在上客",
                            "bus",
                        ),
                    },
                ],
            },
            {
                "text": "年内新增公共停车泊位2000个，推动机关、学校停车场错时共享。",
                "owner": "市交通运输局静态交通科",
                "exchange": 1,
                "expected_on": D(2022, 12, 31),
                "updates": [
                    {
                        "on": D(2022, 8, 31),
                        "status": "in_progress",
                        "progress": 55,
                        "note": "已新增公共停车泊位1100个，12家机关单位停车场夜间向周边居民开放。",
                    },
                    {
                        "on": D(2022, 12, 28),
                        "status": "done",
                        "progress": 100,
                        "note": "全年新增公共停车泊位2160个，错时共享停车场增至35个。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议所有公交线路末班车延长到晚上11点。",
                    "Run the last bus of every route until 11 p.m.",
                ),
                "adoption": "partly",
                "explanation": [
                    (
                        "部分采纳。客流较大的6条主干线路末班车已延长至23时。",
                        "Partly adopted. The last buses of the 6 busiest trunk routes now leave "
                        "at 11 p.m.",
                    ),
                    (
                        "其余线路夜间客流较少，延长运营成本过高，暂不延长；我们将继续监测客流，"
                        "客流增长后再作调整。",
                        "The other routes carry few passengers at night and later services "
                        "would cost too much for now; we keep counting passengers and will "
                        "extend them when demand grows.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-06-market-regulation",
        "questions": [
            (
                "买菜的王阿姨",
                "菜市场有的电子秤缺斤短两，你们会不会抽查？",
                "其他",
                16,
            ),
            (
                "健身卡用户",
                "健身房办了预付卡后关门跑路，消费者怎么维权？",
                "其他",
                22,
            ),
        ],
        "title": ("“守护舌尖上的安全”访谈热点回应", "Hot response: keeping food safe"),
        "summary": (
            "市市场监管局答复农贸市场计量抽查和预付卡维权的提问，通报学校食堂“明厨亮灶”"
            "承诺的进展和检查结果公开建议的采纳情况。",
            "The Administration for Market Regulation answers questions on scales in markets "
            "and on prepaid cards, and reports on open kitchens in school canteens.",
        ),
        "published": 9,
        "replies": [
            {
                "questions": ["菜市场有的电子秤缺斤短两，你们会不会抽查？"],
                "question_summary": (
                    "农贸市场电子秤是否抽查。",
                    "Are the scales in food markets checked?",
                ),
                "reply": [
                    (
                        "我们每季度对全市农贸市场在用电子秤开展计量抽查，今年上半年已抽查"
                        "2300台，对不合格的已责令停用并依法处理。",
                        "The scales in use in the city's food markets are checked every quarter; "
                        "2,300 were checked in the first half of the year and faulty ones taken "
                        "out of use and dealt with by law.",
                    ),
                    (
                        "各市场均设有公平秤，市民可随时复秤。",
                        "Every market has a public scale where shoppers can weigh again.",
                    ),
                ],
                "answered_by": ("市市场监管局计量科", "Metrology Section, AMR"),
            },
            {
                "questions": ["健身房办了预付卡后关门跑路，消费者怎么维权？"],
                "question_summary": (
                    "预付卡商家关门后如何维权。",
                    "What to do when a business closes after selling prepaid cards.",
                ),
                "reply": [
                    (
                        "请保留合同和付款凭证，通过12315平台投诉或举报；涉嫌诈骗的，我们将移送"
                        "公安机关。",
                        "Keep the contract and receipts and complain through the 12315 platform; "
                        "suspected fraud is handed to the police.",
                    ),
                ],
                "answered_by": ("市市场监管局消费者权益保护科", "Consumer Protection Section, AMR"),
            },
        ],
        "commitments": [
            {
                "text": "年内实现全市中小学校食堂“明厨亮灶”全覆盖。",
                "owner": "市市场监管局食品安全协调科",
                "exchange": 0,
                "expected_on": D(2022, 12, 31),
                "updates": [
                    {
                        "on": D(2022, 9, 1),
                        "status": "in_progress",
                        "progress": 80,
                        "note": "新学期开学前，已有412所学校食堂完成改造。",
                    },
                    {
                        "on": D(2022, 11, 30),
                        "status": "done",
                        "progress": 100,
                        "note": "全市中小学校食堂均已实现“明厨亮灶”，家长可通过手机查看后厨画面。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议定期公开学校食堂的检查结果。",
                    "Publish the results of school canteen inspections regularly.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。每学期的检查结果在门户网站和学校公告栏公开。",
                        "Adopted. Each term's results are published on the portal and on the "
                        "schools' notice boards.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-07-audit",
        "questions": [
            (
                "关注整改的市民",
                "审计发现的问题如果整改不到位，会怎么处理？",
                "其他",
                11,
            ),
            (
                "社区居民小冯",
                "能不能把每个社区的民生资金使用明细都公开出来？",
                "其他",
                8,
            ),
        ],
        "title": (
            "“管好用好财政资金”访谈热点回应",
            "Hot response: making good use of public money",
        ),
        "summary": (
            "市审计局答复审计整改和民生资金公开的提问，通报审计整改情况集中公开承诺的完成情况，"
            "以及两条建议的采纳情况。",
            "The Audit Bureau answers questions on follow-up of findings and on publishing the "
            "use of livelihood funds, and reports on its commitment to publish the corrections.",
        ),
        "published": 6,
        "replies": [
            {
                "questions": ["审计发现的问题如果整改不到位，会怎么处理？"],
                "question_summary": (
                    "审计整改不到位如何处理。",
                    "What happens when findings are not corrected?",
                ),
                "reply": [
                    (
                        "我们对审计发现的问题实行整改销号管理，逐项跟踪；整改不到位的，将提请"
                        "有关部门约谈，情节严重的移送纪检监察机关。",
                        "Every finding is tracked until it is closed; where it is not corrected, "
                        "the unit's head is summoned, and serious cases go to the discipline "
                        "inspection authorities.",
                    ),
                ],
                "answered_by": ("市审计局法规审理科", "Legal Affairs Section, Audit Bureau"),
            },
            {
                "questions": ["能不能把每个社区的民生资金使用明细都公开出来？"],
                "question_summary": (
                    "能否公开各社区民生资金使用明细。",
                    "Can each community's use of livelihood funds be published?",
                ),
                "reply": [
                    (
                        "社区资金使用情况按村（居）务公开规定，由镇街在社区公开栏和政务公开网站"
                        "公布；审计发现的问题及整改情况在审计结果公告中公开。",
                        "Communities publish their accounts on their notice boards and the "
                        "government information websites, as the rules on community affairs "
                        "require; audit findings and corrections are in the audit results.",
                    ),
                ],
                "answered_by": ("市审计局社会保障审计科", "Social Security Audit Section"),
            },
        ],
        "commitments": [
            {
                "text": "在门户网站集中公开年度审计发现问题的整改情况。",
                "owner": "市审计局办公室",
                "exchange": 1,
                "expected_on": D(2022, 12, 31),
                "updates": [
                    {
                        "on": D(2022, 12, 9),
                        "status": "done",
                        "progress": 100,
                        "note": "年度审计整改情况报告已在门户网站“审计结果公告”专栏公开。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议用图解的方式发布审计报告，让普通市民看得懂。",
                    "Publish the audit report with illustrations that everyone can follow.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。年度审计工作报告同步发布图解版本。",
                        "Adopted. The yearly audit report now comes with an illustrated version.",
                    ),
                ],
            },
            {
                "suggestion": (
                    "建议审计局直接在网上公开每个社区的全部财务明细。",
                    "The Audit Bureau should publish every community's full accounts online.",
                ),
                "adoption": "not_adopted",
                "explanation": [
                    (
                        "未采纳。社区财务公开由镇街按村（居）务公开规定负责，审计机关公开的是"
                        "审计结果和整改情况，不代为公开被审计单位的全部账目。",
                        "Not adopted. Communities publish their own accounts under the rules on "
                        "community affairs; audit offices publish audit results and "
                        "corrections, not the full accounts of those they audit.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-08-urban-management",
        "questions": [
            (
                "拱北业主",
                "小区旁边的垃圾中转站夏天臭味很大，能不能整改？",
                "城市管理",
                19,
            ),
            (
                "推婴儿车的妈妈",
                "共享单车乱停乱放，把人行道都堵住了，谁来管？",
                "城市管理",
                13,
            ),
        ],
        "title": ("“建设整洁有序的城市”访谈热点回应", "Hot response: a clean and orderly city"),
        "summary": (
            "市城市管理综合执法局答复垃圾中转站异味和共享单车停放的提问，通报海滨步道照明和"
            "垃圾收运排查两项承诺的完成情况。",
            "The Urban Management Bureau answers questions on a smelly waste transfer station "
            "and on parked shared bikes, and reports on the seafront lighting and its checks of "
            "waste collection.",
        ),
        "published": 8,
        "replies": [
            {
                "questions": ["小区旁边的垃圾中转站夏天臭味很大，能不能整改？"],
                "question_summary": (
                    "垃圾中转站异味整改。",
                    "Stopping the smell of a waste transfer station.",
                ),
                "reply": [
                    (
                        "经现场核查，该中转站除臭设备老化。我们已更换除臭设备，并将清洗频次由"
                        "每天一次增加到两次。",
                        "On inspection, the station's odour control equipment was worn out. It "
                        "has been replaced, and the station is now washed twice a day instead of "
                        "once.",
                    ),
                ],
                "answered_by": ("市城市管理综合执法局环卫科", "Sanitation Section"),
            },
            {
                "questions": ["共享单车乱停乱放，把人行道都堵住了，谁来管？"],
                "question_summary": (
                    "共享单车乱停放管理。",
                    "Shared bikes parked on the pavement.",
                ),
                "reply": [
                    (
                        "我们已在重点路段施划共享单车停放区，要求运营企业电子围栏内停车并及时"
                        "清运乱停车辆；对不落实的企业将削减其投放配额。",
                        "Parking bays for shared bikes have been marked on the busiest streets; "
                        "operators must enforce geofenced parking and remove badly parked bikes, "
                        "or lose part of their fleet quota.",
                    ),
                ],
                "answered_by": ("市城市管理综合执法局市容科", "Cityscape Section"),
            },
        ],
        "commitments": [
            {
                "text": "全面排查生活垃圾收运环节，杜绝分类后混装混运。",
                "owner": "市城市管理综合执法局环卫科",
                "exchange": 0,
                "expected_on": D(2022, 10, 31),
                "updates": [
                    {
                        "on": D(2022, 10, 28),
                        "status": "done",
                        "progress": 100,
                        "note": "排查收运线路216条，整改混装混运问题9处，收运车辆全部按类别标识。",
                    },
                ],
            },
            {
                "text": "对海滨步道照明进行排查和补强。",
                "owner": "市城市管理综合执法局市政设施科",
                "exchange": 1,
                "expected_on": D(2022, 11, 30),
                "updates": [
                    {
                        "on": D(2022, 9, 20),
                        "status": "in_progress",
                        "progress": 30,
                        "note": "完成步道照明排查，确定需补装路灯的路段共4.2公里。",
                    },
                    {
                        "on": D(2022, 11, 18),
                        "status": "done",
                        "progress": 100,
                        "note": "新装和更换路灯236盏，海滨步道夜间照明全线达标。",
                        "photo": (
                            "演示：海滨步道夜间照明",
                            "夜晚的海滨步道，新装的路灯沿海岸线照亮步道，有市民在夜跑",
                            "night",
                        ),
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议在海滨步道增设安全提示牌和求助电话。",
                    "Put up safety signs and an emergency number along the seafront path.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。照明补强时沿步道每500米设置了安全提示牌，标明求助电话和位置编号。",
                        "Adopted. With the new lighting, a safety sign with the emergency number "
                        "and a location code stands every 500 metres.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-09-agriculture-and-rural-affairs",
        "questions": [
            (
                "白蕉镇村民",
                "村里的污水管网什么时候能接通？现在生活污水还是直接排到河涌里。",
                "城市管理",
                12,
            ),
        ],
        "title": ("“推进乡村振兴”访谈热点回应", "Hot response: revitalising the countryside"),
        "summary": (
            "市农业农村局答复农村垃圾清运长效机制和污水管网建设的提问，通报村道硬化和产销对接"
            "两项承诺的进展。因国庆假期后需现场核实，本期答复较规定时限推迟2个工作日发布。",
            "The Agriculture and Rural Affairs Bureau answers questions on village waste "
            "collection and sewers and reports on road paving and meetings with buyers. It was "
            "published 2 working days late, after checks on site following the National Day "
            "holiday.",
        ),
        "published": D(2022, 10, 19),
        "late_explanation": (
            "本期部分问题涉及斗门区、金湾区多个村的道路和污水管网建设，需会同区、镇两级现场"
            "核实。受国庆假期影响，核实工作于10月17日才全部完成，答复因此较规定时限（10月17日）"
            "推迟2个工作日发布。我们对此表示歉意，今后将提前安排核实工作。",
            "Some questions concern the roads and sewers of several villages in Doumen and "
            "Jinwan, which had to be checked on site with the district and town governments. "
            "Because of the National Day holiday the checks were finished only on 17 October, "
            "so these replies were published 2 working days after the deadline (17 October). "
            "We apologise and will plan such checks earlier.",
        ),
        "replies": [
            {
                "questions": ["农村人居环境整治后，垃圾清运的长效机制怎么保障？"],
                "question_summary": (
                    "农村垃圾清运的长效机制。",
                    "Keeping village waste collected for good.",
                ),
                "reply": [
                    (
                        "全市已建立“村收集、镇转运、区处理”的农村生活垃圾收运体系，保洁和清运"
                        "经费纳入区、镇财政预算。",
                        "The city now runs a chain in which villages collect, towns transfer and "
                        "districts treat household waste; cleaning and collection are in the "
                        "district and town budgets.",
                    ),
                    (
                        "我们每季度对各村开展人居环境检查，结果在镇村公开栏公布。",
                        "Every village's living environment is inspected each quarter, and the "
                        "results are posted on the town and village notice boards.",
                    ),
                ],
                "answered_by": ("市农业农村局农村社会事业促进科", "Rural Affairs Section"),
            },
            {
                "questions": ["村里的污水管网什么时候能接通？现在生活污水还是直接排到河涌里。"],
                "question_summary": (
                    "村级污水管网接通时间。",
                    "When will the village be connected to a sewer?",
                ),
                "reply": [
                    (
                        "经现场核实，白蕉镇该村的污水管网已列入今年农村生活污水治理项目，管网"
                        "主体工程11月开工，预计明年3月底前接通。",
                        "Checked on site: this village in Baijiao is in this year's rural "
                        "sewage programme; the main pipes are laid from November and should be "
                        "connected by the end of next March.",
                    ),
                ],
                "answered_by": ("市农业农村局农村社会事业促进科", "Rural Affairs Section"),
            },
        ],
        "commitments": [
            {
                "text": "完成斗门片区农村公路硬化提升，年底前完工。",
                "owner": "市农业农村局规划建设科",
                "exchange": 0,
                "expected_on": D(2022, 12, 31),
                "updates": [
                    {
                        "on": D(2022, 11, 10),
                        "status": "in_progress",
                        "progress": 70,
                        "note": "已完成路面硬化18公里，剩余路段正在施工。",
                    },
                    {
                        "on": D(2022, 12, 27),
                        "status": "done",
                        "progress": 100,
                        "note": "26公里村道硬化全部完工并通过验收。",
                    },
                ],
            },
            {
                "text": "组织农产品产销对接活动，支持发展农村电商。",
                "owner": "市农业农村局市场与信息化科",
                "exchange": 1,
                "expected_on": D(2023, 6, 30),
                "updates": [
                    {
                        "on": D(2022, 12, 16),
                        "status": "in_progress",
                        "progress": 40,
                        "note": "举办产销对接会2场，42家合作社与商超、电商平台签约。",
                    },
                    {
                        "on": D(2023, 6, 28),
                        "status": "done",
                        "progress": 100,
                        "note": "累计举办产销对接会5场，建成镇级电商服务站8个。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议在镇一级建设农产品冷链仓储，方便荔枝、龙眼保鲜外运。",
                    "Build cold storage in the towns so that lychees and longans stay fresh "
                    "on the way to market.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。斗门区、金湾区各建设1个镇级冷链仓储中心，已列入明年农业项目计划。",
                        "Adopted. One cold storage centre each in Doumen and Jinwan is in next "
                        "year's farm projects.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-10-state-owned-assets",
        "questions": [
            (
                "老城区居民",
                "我们小区的自来水管很旧，经常爆管停水，供水企业有没有改造计划？",
                "其他",
                17,
            ),
            (
                "上班族小林",
                "燃气费能不能在手机上缴？每次去营业厅都要排队。",
                "其他",
                10,
            ),
        ],
        "title": (
            "“国企改革与公共服务”访谈热点回应",
            "Hot response: state-owned enterprise reform and public services",
        ),
        "summary": (
            "市国资委答复老旧供水管网改造和燃气费网上缴纳的提问，通报停水提前通知和二期管网"
            "改造承诺的进展。",
            "SASAC answers questions on old water mains and paying for gas online, and reports "
            "on notice of water cuts and the second phase of the mains renewal.",
        ),
        "published": 7,
        "replies": [
            {
                "questions": ["我们小区的自来水管很旧，经常爆管停水，供水企业有没有改造计划？"],
                "question_summary": (
                    "老旧小区供水管网改造计划。",
                    "Plans to renew old water pipes in housing estates.",
                ),
                "reply": [
                    (
                        "市属供水企业正在实施老旧供水管网改造一期工程，涉及香洲区86个老旧小区，"
                        "计划2024年底前完成；您所在小区已列入一期改造范围。",
                        "The city's water company is renewing old mains in a first phase "
                        "covering 86 older estates in Xiangzhou by the end of 2024; your estate "
                        "is in it.",
                    ),
                ],
                "answered_by": ("市国资委企业发展科", "Enterprise Development Section, SASAC"),
            },
            {
                "questions": ["燃气费能不能在手机上缴？每次去营业厅都要排队。"],
                "question_summary": ("燃气费能否网上缴纳。", "Can gas bills be paid online?"),
                "reply": [
                    (
                        "可以。市属燃气企业已开通微信公众号和“粤省事”缴费，也可办理银行代扣。",
                        "Yes. The city's gas company takes payments on its WeChat account and "
                        "on the provincial services app, or by direct debit.",
                    ),
                ],
                "answered_by": ("市国资委企业发展科", "Enterprise Development Section, SASAC"),
            },
        ],
        "commitments": [
            {
                "text": "要求供水企业计划停水至少提前24小时通知到小区和用户。",
                "owner": "市国资委企业发展科",
                "exchange": 0,
                "expected_on": D(2022, 11, 30),
                "updates": [
                    {
                        "on": D(2022, 11, 1),
                        "status": "done",
                        "progress": 100,
                        "note": "供水企业已修订停水公告制度，计划停水提前24小时通过短信、小区公告和"
                        "门户网站通知。",
                    },
                ],
            },
            {
                "text": "实施老旧供水管网改造二期工程，覆盖金湾区、斗门区老旧小区。",
                "owner": "市属供水企业工程部",
                "exchange": 0,
                "expected_on": D(2027, 12, 31),
                "updates": [
                    {
                        "on": D(2023, 10, 20),
                        "status": "not_started",
                        "progress": 0,
                        "note": "二期工程已列入供水企业2025—2027年投资计划，待一期工程完工后启动，"
                        "目前正在开展管网普查。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议停水通知用短信推送到每一户。",
                    "Send water cut notices to every household by text message.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。已登记手机号码的用户会在计划停水前24小时收到短信通知。",
                        "Adopted. Customers with a registered mobile number get a text 24 hours "
                        "before a planned cut.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-11-education",
        "questions": [],
        "title": (
            "“办好人民满意的教育”访谈热点回应",
            "Hot response: education that families can rely on",
        ),
        "summary": (
            "市教育局答复课后服务收费和时长的提问，通报新增公办学位承诺的完成情况和课后服务"
            "建议的采纳情况。",
            "The Education Bureau answers the question on the fees and hours of after-school "
            "care and reports on new public school places.",
        ),
        "published": 8,
        "replies": [
            {
                "questions": ["课后服务的收费标准和时长是怎样规定的？"],
                "question_summary": (
                    "课后服务的收费标准和时长。",
                    "The fees and hours of after-school care.",
                ),
                "reply": [
                    (
                        "义务教育阶段学校课后服务每周5天，每天结束时间不早于17时30分；家长有需要"
                        "的，可延长至18时。",
                        "After-school care runs 5 days a week in compulsory education and ends "
                        "no earlier than 5:30 p.m., or 6 p.m. where parents need it.",
                    ),
                    (
                        "收费按照省规定的标准执行，家庭经济困难学生免收。",
                        "Fees follow the provincial rates; pupils from families in financial "
                        "difficulty pay nothing.",
                    ),
                ],
                "answered_by": ("市教育局基础教育科", "Basic Education Section"),
            },
        ],
        "commitments": [
            {
                "text": "2023年秋季学期前新增公办学位1万个。",
                "owner": "市教育局规划建设科",
                "exchange": 0,
                "expected_on": D(2023, 9, 1),
                "updates": [
                    {
                        "on": D(2023, 3, 31),
                        "status": "in_progress",
                        "progress": 45,
                        "note": "6所新建学校主体完工，3所学校改扩建正在施工。",
                    },
                    {
                        "on": D(2023, 8, 30),
                        "status": "done",
                        "progress": 100,
                        "note": "9所新建、改扩建学校秋季开学启用，新增公办学位1.05万个。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议课后服务多安排体育和艺术活动，不要只做作业。",
                    "Offer more sport and arts in after-school care, not only homework.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。下学期起各校课后服务每周安排不少于3次体育、艺术或科技类活动。",
                        "Adopted. From next term, schools offer sport, arts or science at least "
                        "three times a week in after-school care.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-11-civil-affairs",
        "questions": [
            (
                "照顾父母的小梁",
                "居家养老服务补贴的申请条件是什么？在哪里申请？",
                "社会保障",
                20,
            ),
            (
                "退休教师",
                "社区长者饭堂的就餐补贴标准是多少？外区老人能去吃吗？",
                "社会保障",
                15,
            ),
        ],
        "title": ("“完善养老服务体系”访谈热点回应", "Hot response: better care for older people"),
        "summary": (
            "市民政局答复居家养老服务补贴和长者饭堂就餐补贴的提问，通报长者饭堂全覆盖承诺的"
            "进展，以及两条建议的采纳情况。",
            "The Civil Affairs Bureau answers questions on home care allowances and meal "
            "subsidies in canteens for older people, and reports on its commitment to open a "
            "canteen in every community.",
        ),
        "published": 9,
        "replies": [
            {
                "questions": ["居家养老服务补贴的申请条件是什么？在哪里申请？"],
                "question_summary": (
                    "居家养老服务补贴的申请条件和渠道。",
                    "Who may claim the home care allowance, and where.",
                ),
                "reply": [
                    (
                        "具有本市户籍、年满60周岁的低保、特困、低收入家庭老年人，以及经评估失能的"
                        "老年人，可申请居家养老服务补贴。",
                        "Residents of the city aged 60 or over on minimum living allowance, in "
                        "extreme hardship or on low income, and older people assessed as "
                        "disabled, may claim it.",
                    ),
                    (
                        "请向户籍所在地的镇街社会事务办提出申请，也可通过“粤省事”网上申请。",
                        "Apply at the social affairs office of your town or street, or online "
                        "on the provincial services app.",
                    ),
                ],
                "answered_by": ("市民政局养老服务科", "Elderly Care Section"),
            },
            {
                "questions": ["社区长者饭堂的就餐补贴标准是多少？外区老人能去吃吗？"],
                "question_summary": (
                    "长者饭堂就餐补贴标准，外区老人能否就餐。",
                    "Meal subsidies in the canteens, and whether older people from other "
                    "districts may eat there.",
                ),
                "reply": [
                    (
                        "60周岁以上老年人每餐补贴3元，80周岁以上每餐补贴5元；全市长者饭堂通用，"
                        "外区老人持身份证或社保卡即可就餐。",
                        "Older people get 3 yuan off a meal from age 60 and 5 yuan from age 80; "
                        "every canteen in the city accepts them with an identity or social "
                        "security card, whatever their district.",
                    ),
                ],
                "answered_by": ("市民政局养老服务科", "Elderly Care Section"),
            },
        ],
        "commitments": [
            {
                "text": "三年内实现城乡社区长者饭堂全覆盖。",
                "owner": "市民政局养老服务科",
                "exchange": 1,
                "expected_on": D(2025, 12, 31),
                "updates": [
                    {
                        "on": D(2023, 3, 15),
                        "status": "in_progress",
                        "progress": 35,
                        "note": "新建长者饭堂48个，城市社区覆盖率达到60%。",
                    },
                    {
                        "on": D(2023, 12, 20),
                        "status": "in_progress",
                        "progress": 70,
                        "note": "累计建成长者饭堂156个，农村社区通过“中心饭堂+助餐点”方式推进。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议长者饭堂为行动不便的老人提供送餐上门。",
                    "Deliver meals from the canteens to older people who cannot get there.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。各长者饭堂对失能、高龄独居老人提供送餐上门服务，可向社区预约。",
                        "Adopted. Every canteen delivers to disabled and very old people living "
                        "alone; book through your community.",
                    ),
                ],
            },
            {
                "suggestion": (
                    "建议长者饭堂对所有年龄的居民免费开放。",
                    "Let residents of every age eat in the canteens for free.",
                ),
                "adoption": "not_adopted",
                "explanation": [
                    (
                        "未采纳。长者饭堂的财政补贴专门用于保障老年人就餐；其他居民可以按成本价"
                        "就餐，但不享受补贴。",
                        "Not adopted. The canteens' public subsidy is for older people; other "
                        "residents may eat there at cost price, without a subsidy.",
                    ),
                ],
            },
        ],
    },
    {
        "session": "2022-12-real-estate-registration",
        "questions": [
            (
                "准备买房的小邓",
                "不动产权证书能不能在网上查询真伪和有没有抵押？",
                "其他",
                9,
            ),
            (
                "继承人陈先生",
                "父母去世后继承房产，办理登记需要准备哪些材料？",
                "其他",
                12,
            ),
            (
                "在横琴工作的刘女士",
                "买二手房办完不动产登记以后，能不能同时办理住房公积金提取？还要再跑一趟公积金中心吗？",
                "其他",
                7,
            ),
        ],
        "title": ("“不动产登记提速增效”访谈热点回应", "Hot response: faster property registration"),
        "summary": (
            "市不动产登记中心答复不动产权证书网上查询和继承登记所需材料的提问，通报水电气过户"
            "联动办理承诺的完成情况。",
            "The Real Estate Registration Center answers questions on checking certificates "
            "online and on registering an inheritance, and reports on transferring utilities "
            "together with the property.",
        ),
        "published": 8,
        "replies": [
            {
                "questions": ["不动产权证书能不能在网上查询真伪和有没有抵押？"],
                "question_summary": (
                    "能否网上查询证书真伪和抵押情况。",
                    "Can a certificate and any mortgage be checked online?",
                ),
                "reply": [
                    (
                        "权利人可通过“珠海不动产”微信公众号查询本人名下不动产的登记信息和抵押"
                        "情况；证书真伪可扫描证书上的二维码核验。",
                        "Owners can look up their own property's registration and any mortgage "
                        "on the centre's WeChat account; a certificate is verified by scanning "
                        "its QR code.",
                    ),
                ],
                "answered_by": ("市不动产登记中心信息科", "Information Section"),
            },
            {
                "questions": ["父母去世后继承房产，办理登记需要准备哪些材料？"],
                "question_summary": (
                    "继承房产登记所需材料。",
                    "Documents for registering an inherited home.",
                ),
                "reply": [
                    (
                        "一般需要：申请人身份证明、被继承人死亡证明、亲属关系证明、不动产权证书，"
                        "以及公证书或全体继承人到场签署的继承协议。",
                        "Usually: the applicants' identity documents, the death certificate, "
                        "proof of kinship, the title certificate, and a notarised deed or an "
                        "agreement signed in person by every heir.",
                    ),
                    (
                        "具体材料可提前通过网上预约咨询，避免多次往返。",
                        "Book an online consultation beforehand to avoid coming twice.",
                    ),
                ],
                "answered_by": ("市不动产登记中心登记科", "Registration Section"),
            },
            {
                "questions": [
                    "买二手房办完不动产登记以后，能不能同时办理住房公积金提取？还要再跑一趟公积金中心吗？"
                ],
                "question_summary": (
                    "不动产登记后能否一并办理公积金提取。",
                    "Can the housing provident fund be withdrawn together with the registration?",
                ),
                "reply": [
                    (
                        "可以。购房人在不动产登记窗口办结转移登记后，可当场申请购房类住房公积金提取，"
                        "登记信息由系统共享，无需再到公积金中心提交不动产权证书复印件。",
                        "Yes. Once the transfer is registered at the registration counter, the "
                        "buyer can apply there for a home-purchase withdrawal of the housing "
                        "provident fund; the registration is shared by the system, so no copy of "
                        "the title certificate has to be taken to the fund centre.",
                    ),
                ],
                "answered_by": ("市不动产登记中心登记科", "Registration Section"),
            },
        ],
        "commitments": [
            {
                "text": "推动二手房转移登记与水、电、气过户联动办理，一次申请全部办结。",
                "owner": "市不动产登记中心登记科",
                "exchange": 0,
                "expected_on": D(2023, 3, 31),
                "updates": [
                    {
                        "on": D(2023, 1, 16),
                        "status": "in_progress",
                        "progress": 60,
                        "note": "已与供水、供电企业完成系统对接，燃气过户正在联调。",
                    },
                    {
                        "on": D(2023, 3, 28),
                        "status": "done",
                        "progress": 100,
                        "note": "水、电、气过户均已与转移登记联动，市民在登记窗口一次申请即可办结。",
                    },
                ],
            },
        ],
        "suggestions": [
            {
                "suggestion": (
                    "建议周末也开放登记窗口，方便上班族办理。",
                    "Open the registration counters at weekends for people who work.",
                ),
                "adoption": "adopted",
                "explanation": [
                    (
                        "已采纳。自2023年1月起，每周六上午开放预约办理窗口。",
                        "Adopted. From January 2023, counters open on Saturday mornings by "
                        "appointment.",
                    ),
                ],
            },
        ],
    },
]
