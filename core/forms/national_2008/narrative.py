"""What the narrative of a 2008-form report says about its table: wording -> indicator ids.

Matched against the clause leading up to each figure (see ``core.narrative.claims``).
"""

from __future__ import annotations

from core.narrative.patterns import CountPattern, PatternSet, ZeroPattern


def _count(ids: str | tuple[str, ...], subject: str, keyword: str, units: str,
           requires: str | None = None, excludes: str | None = None) -> CountPattern:
    return CountPattern(
        ids=(ids,) if isinstance(ids, str) else ids,
        subject=subject,
        keyword=keyword,
        units=frozenset(units.split()),
        requires=requires or None,
        excludes=excludes or None,
    )


# Words that tie a figure to one channel of publication (the table's active.* rows).
_PUBLISH = r"(?:公开|发布|推送|转发|刊登|刊发|更新|上传|编发)"
# "共"/"等"/"多种渠道" turn a list of channels into the total across them.
_ACROSS = r"共|等|多种|多个|各种|各类渠道|各渠道|全部渠道"
# Qualifiers meaning the figure is a sub-unit's, not the agency's ("各镇街均配备…").
_PER_UNIT = r"各(?:镇|街|乡|部门|单位|科室|处室|村|社区|县)|均|每个|分别"
_INFO_ITEM = "条 篇 则 期"

PATTERNS_2008 = PatternSet()
PATTERNS_2008.counts = [
    # -- applications (三、依申请公开) : the channel rows before the total
    _count("apply.received.in_person", "当面申请", r"(?:当面|现场)(?:提出)?申请", "件 个 起"),
    _count("apply.received.fax", "传真申请", r"传真(?:方式)?(?:提出)?申请", "件 个 起"),
    _count("apply.received.online", "网络申请", r"(?:网络|网上|在线|互联网|电子邮件)(?:方式)?(?:提出)?申请", "件 个 起"),
    _count("apply.received.mail", "信函申请", r"(?:信函|邮寄|来信)(?:方式)?(?:提出)?申请", "件 个 起"),
    _count("apply.received", "收到申请",
           r"(?:受理|收到|接到|接收|办理|共有)[^，。；]*申请(?!行政复议|复议|人)"
           r"|依申请公开(?:政府信息|信息|事项|申请)?(?:共|总计|合计)?$|政府信息公开申请(?:共|总计)?$",
           "件 个 条 起 次"),
    # -- reviews, suits, complaints, fees (四 to 七)
    _count("review.total", "行政复议", r"行政复议", "件 起 个 次"),
    _count("litigation.total", "行政诉讼", r"行政诉讼", "件 起 个 次"),
    _count("complaints.total", "举报投诉", r"举报投诉|投诉举报|信息公开[^，。；]*(?:举报|投诉)", "件 起 个 次"),
    _count("fees.total", "收取费用", r"收取[^，。；]*费", "万元"),
    # -- responses (二、回应解读)
    _count("response.press_conf", "新闻发布会", r"新闻发布会", "次 场 期"),
    _count("response.interviews", "在线访谈", r"在线访谈", "次 场 期"),
    _count("response.hotspots", "回应热点", r"回应[^，。；]*(?:热点|关切|舆情)", "次 个 起"),
    _count("response.interpretations", "政策解读", r"(?:政策)?解读", "条 篇 件 期 份 则"),
    # -- meetings and training (九)
    _count("meetings.trainees", "接受培训人员", r"培训", "人次 人 名"),
    _count("meetings.trainings", "举办培训班", r"(?:举办|组织|开展|召开)[^，。；]*培训", "次 期 场 个"),
    _count("meetings.meetings", "召开会议", r"召开[^，。；]*会", "次 场 期"),
    # -- organisation (八): only agency-wide totals ("共"), never a sub-unit's
    _count("org.staff.full_time", "专职人员", r"专职(?:工作)?人员", "人 名", requires=r"共|全(?:区|市|县|局|中心)", excludes=_PER_UNIT),
    _count("org.staff.part_time", "兼职人员", r"兼职(?:工作)?人员", "人 名", requires=r"共|全(?:区|市|县|局|中心)", excludes=_PER_UNIT),
    _count("org.reading_points", "查阅点", r"查阅(?:点|室|场所|中心)", "个 处", requires=r"共", excludes=_PER_UNIT),
    _count("org.budget", "专项经费", r"(?:政府信息公开|政务公开)[^，。；]*经费", "万元", excludes=_PER_UNIT),
    _count("org.units", "专门机构", r"专门(?:工作)?机构", "个", excludes=_PER_UNIT),
    # -- normative documents (一、其中)
    _count("active.normative_issued", "制发规范性文件", r"(?:制发|制定|印发|出台)[^，。；]*规范性文件", "件 个 份 条"),
    _count("active.normative_published", "公开规范性文件", r"公开[^，。；]*规范性文件", "件 个 份 条"),
    # -- active disclosure: a total "across" channels, then channels, then a plain total
    _count("active.total", "主动公开信息",
           r"主动公开(?:了)?(?:政府|各类|各类政府)?信息(?:共计?|总计|合计|达到?)?$", _INFO_ITEM, requires=_ACROSS),
    _count(("active.weibo", "active.wechat"), "微博微信公开信息",
           r"微博[、和及与,]*(?:政务)?微信|微信(?:公众号)?[、和及与,]*(?:政务)?微博", _INFO_ITEM, requires=_PUBLISH),
    _count("active.gazette", "政府公报公开信息", r"公报", _INFO_ITEM, requires=_PUBLISH),
    _count("active.website", "门户网站公开信息", r"门户网站?", _INFO_ITEM, requires=_PUBLISH),
    _count("active.website", "部门网站公开信息", r"部门网站", _INFO_ITEM, requires=_PUBLISH),
    _count("active.website", "网站公开信息", r"网站|政务服务网|政府网(?!络)", _INFO_ITEM, requires=_PUBLISH),
    _count("active.weibo", "微博公开信息", r"微博", _INFO_ITEM, requires=_PUBLISH),
    _count("active.wechat", "微信公开信息", r"微信", _INFO_ITEM, requires=_PUBLISH),
    _count("active.other", "其他方式公开信息", r"其他(?:方式|渠道|途径)", _INFO_ITEM, requires=_PUBLISH),
    _count("active.total", "主动公开信息",
           r"主动公开(?:了)?(?:政府|各类|各类政府)?信息(?:共计?|总计|合计|达到?)?$", _INFO_ITEM),
]

# "尚未审结1起" counts a pending case: it is not "no case"
_NOT = r"(?:尚未|均未|从未|未|没有|无(?!法|论|疑|不))(?!审结|结案|办结|审理终结)(?:发生|出现|收到|接到|受理|有过|有|产生)?|不存在"
PATTERNS_2008.zeros = [
    ZeroPattern(("apply.received",), "收到申请",
                r"(?:未|没有|尚未|均未|从未)(?:收到|接到|受理|发生|有)|无(?=[^，。；]{0,12}申请)",
                r"申请(?!行政复议|复议)", excludes=r"行政复议|行政诉讼|复议|诉讼"),
    ZeroPattern(("review.total",), "行政复议", _NOT, r"行政复议|复议"),
    ZeroPattern(("litigation.total",), "行政诉讼", _NOT, r"行政诉讼|诉讼"),
    ZeroPattern(("complaints.total",), "举报投诉", _NOT, r"举报|投诉"),
    ZeroPattern(("fees.total",), "收取费用", r"(?:未|没有|不|均未|无)收取", r"^[^，。；]{0,6}费用?"),
    ZeroPattern(("fees.total",), "收取费用", r"(?:未|没有|不|均未|无)收费", r"^"),
    ZeroPattern(("org.units",), "专门机构", r"(?:没有|未|无|尚未)(?:设立|设置|成立)?", r"专门(?:的)?[^，。；]{0,8}机构"),
    ZeroPattern(("org.staff.full_time",), "专职人员", r"(?:没有|未|无|尚未)(?:配备|配置|设置)?", r"专职[^，。；]{0,6}人员"),
]

PATTERNS_2008.shares = {
    "apply.received.in_person": ("apply.received",),
    "apply.received.fax": ("apply.received",),
    "apply.received.online": ("apply.received",),
    "apply.received.mail": ("apply.received",),
    "active.gazette": ("active.total",),
    "active.website": ("active.total",),
    "active.weibo": ("active.total",),
    "active.wechat": ("active.total",),
    "active.other": ("active.total",),
    "active.normative_published": ("active.total",),
    "apply.answered.granted": ("apply.answered",),
}
