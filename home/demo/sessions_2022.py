"""Demo sessions of the 2022 programme and the leaders who took part, in Chinese and English.

Names of leaders are invented for the demo; topics follow each unit's remit. Each entry:
unit (Chinese name), start (month, day, hour), topic, summary, leader (name, position), topics
of the announcement, and two exchanges of the transcript — every text as (Chinese, English).
"""

SESSIONS = [
    {
        "unit": "市发展改革局",
        "start": (3, 16, 10),
        "slug": "2022-03-development-and-reform",
        "title": (
            "优化营商环境 推动高质量发展",
            "Better business environment, higher-quality growth",
        ),
        "summary": (
            "市发展改革局负责人介绍今年重点项目建设和营商环境改革，回应网民关心的问题。",
            "The Development and Reform Bureau presents this year's key projects and business "
            "environment reforms and answers citizens' questions.",
        ),
        "leader": (
            ("陈立新", "Chen Lixin"),
            ("市发展改革局局长", "Director, Development and Reform Bureau"),
        ),
        "topics": [
            ("2022年重点项目建设安排", "Key projects planned for 2022"),
            ("营商环境改革新举措", "New measures for the business environment"),
            ("稳定物价与民生保障", "Stable prices and basic living standards"),
        ],
        "exchanges": [
            (
                ("市民小李", "Xiao Li"),
                (
                    "今年有哪些重点项目和百姓生活密切相关？",
                    "Which of this year's key projects matter most to daily life?",
                ),
                (
                    "今年安排的重点项目中，教育、医疗、交通类项目占比超过三成，年内将陆续开工。",
                    "Over a third of this year's key projects are schools, hospitals and transport; "
                    "work on them starts during the year.",
                ),
            ),
            (
                ("创业者阿明", "A Ming"),
                (
                    "小微企业办事还要跑几个部门？",
                    "How many offices does a small business still have to visit?",
                ),
                (
                    "我们正在推进“一网通办”，大部分事项已经可以网上一次办结。",
                    "We are moving services onto one online platform; most can already be completed "
                    "online in one go.",
                ),
            ),
        ],
    },
    {
        "unit": "市人力资源社会保障局",
        "start": (4, 20, 10),
        "slug": "2022-04-human-resources-and-social-security",
        "title": (
            "稳就业 保民生 社保服务再升级",
            "Jobs, livelihoods and better social insurance services",
        ),
        "summary": (
            "围绕高校毕业生就业、养老保险和技能培训等热点问题与网民交流。",
            "Graduate employment, pension insurance and skills training.",
        ),
        "leader": (
            ("林海燕", "Lin Haiyan"),
            ("市人力资源社会保障局局长", "Director, Human Resources and Social Security Bureau"),
        ),
        "topics": [
            ("高校毕业生就业扶持政策", "Support for university graduates looking for work"),
            ("养老保险缴费与待遇", "Pension insurance contributions and benefits"),
            ("职业技能提升行动", "The vocational skills programme"),
        ],
        "exchanges": [
            (
                ("应届生小王", "Xiao Wang"),
                (
                    "来珠海就业的毕业生有哪些补贴？",
                    "What subsidies are there for graduates who come to work in Zhuhai?",
                ),
                (
                    "符合条件的毕业生可申领生活补贴和租房补贴，具体条件请关注本局网站公告。",
                    "Eligible graduates can claim a living allowance and a rent subsidy; the "
                    "conditions are published on the bureau's website.",
                ),
            ),
            (
                ("退休职工", "A retiree"),
                ("养老金今年会调整吗？", "Will pensions be adjusted this year?"),
                (
                    "我们将按照国家和省的统一部署调整基本养老金，并及时发放到位。",
                    "Basic pensions will be adjusted as the state and the province decide, and paid "
                    "on time.",
                ),
            ),
        ],
    },
    {
        "unit": "市交通运输局",
        "start": (5, 18, 10),
        "slug": "2022-05-transport",
        "title": ("公交出行更便捷", "Easier journeys by public transport"),
        "summary": (
            "公交线网优化、停车难和出租车服务。",
            "Bus network changes, parking and taxi services.",
        ),
        "leader": (
            ("黄志强", "Huang Zhiqiang"),
            ("市交通运输局局长", "Director, Transport Bureau"),
        ),
        "topics": [
            ("公交线网优化调整", "Changes to the bus network"),
            ("缓解停车难", "Easing the parking shortage"),
            ("出租车服务质量", "Quality of taxi services"),
        ],
        "exchanges": [
            (
                ("上班族阿芳", "A Fang"),
                (
                    "早高峰公交太挤，能加密班次吗？",
                    "Buses are packed at the morning peak. Can there be more of them?",
                ),
                (
                    "我们将根据客流数据在主要线路高峰时段加密班次。",
                    "We will add peak-hour services on the main routes based on passenger counts.",
                ),
            ),
            (
                ("老街坊", "An old neighbour"),
                ("老旧小区停车难怎么解决？", "How will parking be solved in old housing estates?"),
                (
                    "今年将新增公共停车泊位，并推动错时共享停车。",
                    "New public parking spaces will be added this year, with shared parking at "
                    "off-peak times.",
                ),
            ),
        ],
    },
    {
        "unit": "市市场监管局",
        "start": (6, 15, 10),
        "slug": "2022-06-market-regulation",
        "title": ("守护舌尖上的安全", "Keeping food safe"),
        "summary": (
            "食品安全、消费维权和市场主体登记。",
            "Food safety, consumer rights and business registration.",
        ),
        "leader": (
            ("周敏", "Zhou Min"),
            ("市市场监管局局长", "Director, Administration for Market Regulation"),
        ),
        "topics": [
            ("校园及周边食品安全", "Food safety in and around schools"),
            ("消费投诉处理", "Handling consumer complaints"),
            ("企业开办便利化", "Making it easier to start a business"),
        ],
        "exchanges": [
            (
                ("家长陈女士", "Ms Chen, a parent"),
                ("学校食堂怎么监管？", "How are school canteens supervised?"),
                (
                    "我们对学校食堂实行全覆盖检查，并推行“明厨亮灶”。",
                    "Every school canteen is inspected, and kitchens are open to view.",
                ),
            ),
            (
                ("网购达人", "An online shopper"),
                ("网购遇到质量问题怎么投诉？", "How do I complain about a faulty online purchase?"),
                (
                    "可通过12315平台投诉，我们将在规定时限内处理并反馈。",
                    "Complain through the 12315 platform; we handle and answer within the set time.",
                ),
            ),
        ],
    },
    {
        "unit": "市审计局",
        "start": (7, 20, 10),
        "slug": "2022-07-audit",
        "title": ("管好用好财政资金", "Making good use of public money"),
        "summary": (
            "民生资金审计和审计整改。",
            "Audits of livelihood funds and follow-up of findings.",
        ),
        "leader": (("吴建国", "Wu Jianguo"), ("市审计局局长", "Director, Audit Bureau")),
        "topics": [
            ("民生资金审计", "Auditing livelihood funds"),
            ("审计发现问题整改", "Correcting what audits find"),
            ("审计结果公开", "Publishing audit results"),
        ],
        "exchanges": [
            (
                ("热心市民", "A concerned citizen"),
                ("养老补贴资金有没有被挪用？", "Has any elderly-care subsidy money been misused?"),
                (
                    "去年对养老补贴资金开展专项审计，发现的问题已督促整改。",
                    "Last year's special audit of elderly-care subsidies found problems, which have "
                    "been corrected under supervision.",
                ),
            ),
            (
                ("大学生小赵", "Xiao Zhao, a student"),
                ("审计报告在哪里可以看到？", "Where can I read the audit reports?"),
                (
                    "审计工作报告和整改情况在市政府门户网站公开。",
                    "The audit report and the corrections are published on the portal.",
                ),
            ),
        ],
    },
    {
        "unit": "市城市管理综合执法局",
        "start": (8, 17, 10),
        "slug": "2022-08-urban-management",
        "title": ("建设整洁有序的城市", "A clean and orderly city"),
        "summary": (
            "垃圾分类、市容环境和违建治理。",
            "Waste sorting, the cityscape and illegal building.",
        ),
        "leader": (
            ("郑伟", "Zheng Wei"),
            (
                "市城市管理综合执法局局长",
                "Director, Urban Management and Comprehensive Law Enforcement Bureau",
            ),
        ),
        "topics": [
            ("生活垃圾分类", "Household waste sorting"),
            ("市容环境整治", "Tidying the cityscape"),
            ("违法建设治理", "Dealing with illegal building"),
        ],
        "exchanges": [
            (
                ("小区业主", "A homeowner"),
                ("垃圾分类后为什么还混装混运？", "Why are sorted wastes still collected together?"),
                (
                    "我们正在全面排查收运环节，发现混装混运将依法处理。",
                    "We are checking every collection route; mixed collection will be dealt with "
                    "according to the law.",
                ),
            ),
            (
                ("夜跑爱好者", "An evening runner"),
                ("海滨步道晚上灯光不足。", "The seafront path is poorly lit at night."),
                (
                    "已安排对海滨步道照明进行排查和补强。",
                    "The lighting along the seafront path is being checked and improved.",
                ),
            ),
        ],
    },
    {
        "unit": "市农业农村局",
        "start": (9, 28, 10),
        "slug": "2022-09-agriculture-and-rural-affairs",
        "title": ("推进乡村振兴", "Revitalising the countryside"),
        "summary": (
            "乡村振兴、农产品质量安全和农村人居环境。",
            "Rural revitalisation, farm produce safety and village living conditions.",
        ),
        "leader": (
            ("孙丽", "Sun Li"),
            ("市农业农村局局长", "Director, Agriculture and Rural Affairs Bureau"),
        ),
        "topics": [
            ("乡村振兴重点任务", "Key tasks of rural revitalisation"),
            ("农产品质量安全", "Safety of farm produce"),
            ("农村人居环境整治", "Better living conditions in villages"),
        ],
        "exchanges": [
            (
                ("斗门村民", "A villager in Doumen"),
                ("村里的道路什么时候硬化？", "When will the village road be paved?"),
                (
                    "今年的农村公路提升计划已覆盖该片区，预计年底前完工。",
                    "This year's rural road plan covers the area; work should finish by the end of "
                    "the year.",
                ),
            ),
            (
                ("种植户老刘", "Lao Liu, a grower"),
                (
                    "农产品销售渠道少怎么办？",
                    "What can be done about the few outlets for farm produce?",
                ),
                (
                    "我们将组织产销对接活动，并支持发展农村电商。",
                    "We will organise meetings between growers and buyers and support rural "
                    "e-commerce.",
                ),
            ),
        ],
    },
    {
        "unit": "市国资委",
        "start": (10, 19, 10),
        "slug": "2022-10-state-owned-assets",
        "title": ("国企改革与公共服务", "State-owned enterprise reform and public services"),
        "summary": (
            "国企改革进展和国企承担的公共服务。",
            "Progress of reform and the public services state enterprises run.",
        ),
        "leader": (("何晓东", "He Xiaodong"), ("市国资委主任", "Director, SASAC")),
        "topics": [
            ("国企改革三年行动", "The three-year reform of state enterprises"),
            ("供水供气服务", "Water and gas supply services"),
            ("国有资产监管", "Supervision of state-owned assets"),
        ],
        "exchanges": [
            (
                ("居民张先生", "Mr Zhang"),
                ("停水为什么没有提前通知？", "Why was the water cut off without notice?"),
                (
                    "我们已要求供水企业计划停水至少提前24小时通知。",
                    "Water companies must now announce planned cuts at least 24 hours ahead.",
                ),
            ),
            (
                ("网友“海风”", "Sea Breeze (online name)"),
                ("燃气报装要多久？", "How long does a gas connection take?"),
                (
                    "居民燃气报装已压缩至5个工作日内完成。",
                    "A household gas connection now takes at most 5 working days.",
                ),
            ),
        ],
    },
    {
        "unit": "市教育局",
        "start": (11, 16, 10),
        "slug": "2022-11-education",
        "title": ("办好人民满意的教育", "Education that families can rely on"),
        "summary": (
            "学位供给、课后服务和“双减”落实。",
            "School places, after-school care and the reduced homework policy.",
        ),
        "leader": (("刘芳", "Liu Fang"), ("市教育局局长", "Director, Education Bureau")),
        "topics": [
            ("新增公办学位", "New places in public schools"),
            ("课后服务", "After-school care"),
            ("“双减”政策落实", "Less homework and off-campus tutoring"),
        ],
        "exchanges": [
            (
                ("新市民家长", "A parent new to the city"),
                (
                    "随迁子女入学需要什么材料？",
                    "What documents do children of newcomers need to enrol?",
                ),
                (
                    "入学所需材料已在招生公告中列明，可网上提交。",
                    "The documents are listed in the admissions notice and can be submitted online.",
                ),
            ),
            (
                ("双职工家庭", "A two-job family"),
                ("课后服务能延长到几点？", "How late does after-school care run?"),
                (
                    "课后服务一般延长至下午6点，学校可根据需要弹性安排。",
                    "Usually until 6 p.m.; schools can extend it where families need it.",
                ),
            ),
        ],
    },
    {
        "unit": "市民政局",
        "start": (11, 23, 10),
        "slug": "2022-11-civil-affairs",
        "title": ("完善养老服务体系", "Better care for older people"),
        "summary": (
            "居家养老、长者饭堂和社会救助。",
            "Care at home, canteens for older people and social assistance.",
        ),
        "leader": (("杨帆", "Yang Fan"), ("市民政局局长", "Director, Civil Affairs Bureau")),
        "topics": [
            ("居家社区养老服务", "Care at home and in the community"),
            ("长者饭堂建设", "Canteens for older people"),
            ("社会救助", "Social assistance"),
        ],
        "exchanges": [
            (
                ("独居老人家属", "Relative of an older person living alone"),
                ("独居老人有没有上门服务？", "Is there home care for older people living alone?"),
                (
                    "符合条件的独居老人可享受定期探访和上门服务。",
                    "Eligible older people living alone receive regular visits and care at home.",
                ),
            ),
            (
                ("社区志愿者", "A community volunteer"),
                (
                    "长者饭堂会覆盖到每个社区吗？",
                    "Will every neighbourhood get a canteen for older people?",
                ),
                (
                    "我们计划三年内实现城乡社区长者饭堂全覆盖。",
                    "We plan to cover every urban and rural community within three years.",
                ),
            ),
        ],
    },
    {
        "unit": "市不动产登记中心",
        "start": (12, 14, 10),
        "slug": "2022-12-real-estate-registration",
        "title": ("不动产登记提速增效", "Faster property registration"),
        "summary": (
            "不动产登记“一窗办理”和历史遗留问题。",
            "One-window property registration and long-standing cases.",
        ),
        "leader": (
            ("徐明", "Xu Ming"),
            ("市不动产登记中心主任", "Director, Real Estate Registration Center"),
        ),
        "topics": [
            ("一窗办理、一网通办", "One window, one website"),
            ("办证历史遗留问题", "Long-standing title certificate cases"),
            ("登记信息查询", "Looking up registration records"),
        ],
        "exchanges": [
            (
                ("购房者小周", "Xiao Zhou, a home buyer"),
                ("二手房过户要多长时间？", "How long does a second-hand home transfer take?"),
                (
                    "一般二手房转移登记可在1个工作日内办结。",
                    "A normal transfer is registered within 1 working day.",
                ),
            ),
            (
                ("老业主", "A long-time owner"),
                (
                    "房子住了十几年还没有产权证怎么办？",
                    "I have lived in my flat for over ten years with no title certificate. What can I do?",
                ),
                (
                    "我们正在分类处置历史遗留问题，请向所在区登记机构申报。",
                    "Long-standing cases are being resolved by category; please register your case "
                    "with your district office.",
                ),
            ),
        ],
    },
]

HOST = ("门户网站主持人", "Portal host")
OPENING = (
    "各位网友，欢迎来到“民生在线”。今天我们邀请到{unit}负责人与大家在线交流。",
    "Welcome to Minsheng Online. Today the head of the {unit} talks with you online.",
)
CLOSING = (
    "感谢各位网友的参与。未能在线答复的问题，将在10个工作日内在“热点回应”栏目答复。",
    "Thank you for taking part. Questions we could not answer live will be answered in Hot "
    "Responses within 10 working days.",
)
TOPICS_HEADING = ("本期话题", "Topics of this session")
GUEST_INTRO = (
    "负责全面工作，欢迎网友就相关问题踊跃提问。",
    "Leads the unit's work and welcomes your questions.",
)

# Showcase sessions placed relative to "now" so every status can be seen at once.
SHOWCASE = [
    {
        "key": "live",
        "unit": "市交通运输局",
        "title": ("轨道交通规划与市民出行", "Rail transit plans and everyday journeys"),
        "summary": ("正在直播：轨道交通规划进展。", "Live now: progress of the rail transit plan."),
    },
    {
        "key": "announced",
        "unit": "市教育局",
        "title": ("新学期学位与招生", "School places and admissions for the new term"),
        "summary": (
            "节目预告：欢迎网友提前留言提问。",
            "Announcement: send in your questions now.",
        ),
    },
    {
        "key": "ended",
        "unit": "市民政局",
        "title": ("冬季困难群众帮扶", "Winter help for families in need"),
        "summary": (
            "访谈已结束，未答复问题将在热点回应中答复。",
            "The session has ended; open questions will be answered under Hot Responses.",
        ),
    },
    {
        "key": "planned",
        "unit": "市市场监管局",
        "title": ("年货市场质量安全", "Safe goods for the Spring Festival shopping season"),
        "summary": (
            "计划中：节目预告将在访谈前7天发布。",
            "Planned: the announcement is published 7 days ahead.",
        ),
    },
]
