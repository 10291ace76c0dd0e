"""The old 政府信息公开情况统计表 (report years up to 2018), in the form's own order.

Source: the official form as restated in the project's spec (template-2008.md). The
ids are a public interface: never rename one.
"""

from __future__ import annotations

from core.schema.model import IndicatorDef, Template

# id | label | unit ("H" = header row) | parent
_ROWS = """
active|一、主动公开情况|H|
active.total|（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）|条|active
active.normative_published|其中：主动公开规范性文件数|条|active.total
active.normative_issued|制发规范性文件总数|件|active.total
active.channels|（二）通过不同渠道和方式公开政府信息的情况|H|active
active.gazette|1.政府公报公开政府信息数|条|active.channels
active.website|2.政府网站公开政府信息数|条|active.channels
active.weibo|3.政务微博公开政府信息数|条|active.channels
active.wechat|4.政务微信公开政府信息数|条|active.channels
active.other|5.其他方式公开政府信息数|条|active.channels
response|二、回应解读情况|H|
response.hotspots|（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）|次|response
response.channels|（二）通过不同渠道和方式回应解读的情况|H|response
response.press_conf|1.参加或举办新闻发布会总次数|次|response.channels
response.press_conf_principal|其中：主要负责同志参加新闻发布会次数|次|response.press_conf
response.interviews|2.政府网站在线访谈次数|次|response.channels
response.interviews_principal|其中：主要负责同志参加政府网站在线访谈次数|次|response.interviews
response.interpretations|3.政策解读稿件发布数|篇|response.channels
response.weibo_wechat|4.微博微信回应事件数|次|response.channels
response.other|5.其他方式回应事件数|次|response.channels
apply|三、依申请公开情况|H|
apply.received|（一）收到申请数|件|apply
apply.received.in_person|1.当面申请数|件|apply.received
apply.received.fax|2.传真申请数|件|apply.received
apply.received.online|3.网络申请数|件|apply.received
apply.received.mail|4.信函申请数|件|apply.received
apply.closed|（二）申请办结数|件|apply
apply.closed.on_time|1.按时办结数|件|apply.closed
apply.closed.extended|2.延期办结数|件|apply.closed
apply.answered|（三）申请答复数|件|apply
apply.answered.already_public|1.属于已主动公开范围数|件|apply.answered
apply.answered.granted|2.同意公开答复数|件|apply.answered
apply.answered.partial|3.同意部分公开答复数|件|apply.answered
apply.answered.refused|4.不同意公开答复数|件|apply.answered
apply.answered.refused.state_secret|其中：涉及国家秘密|件|apply.answered.refused
apply.answered.refused.commercial_secret|涉及商业秘密|件|apply.answered.refused
apply.answered.refused.privacy|涉及个人隐私|件|apply.answered.refused
apply.answered.refused.security_stability|危及国家安全、公共安全、经济安全和社会稳定|件|apply.answered.refused
apply.answered.refused.not_gov_info|不是《条例》所指政府信息|件|apply.answered.refused
apply.answered.refused.other_law|法律法规规定的其他情形|件|apply.answered.refused
apply.answered.not_this_agency|5.不属于本行政机关公开数|件|apply.answered
apply.answered.nonexistent|6.申请信息不存在数|件|apply.answered
apply.answered.need_clarify|7.告知作出更改补充数|件|apply.answered
apply.answered.other_channel|8.告知通过其他途径办理数|件|apply.answered
review.total|四、行政复议数量|件|
review.upheld|（一）维持具体行政行为数|件|review.total
review.corrected|（二）被依法纠错数|件|review.total
review.other|（三）其他情形数|件|review.total
litigation.total|五、行政诉讼数量|件|
litigation.upheld|（一）维持具体行政行为或者驳回原告诉讼请求数|件|litigation.total
litigation.corrected|（二）被依法纠错数|件|litigation.total
litigation.other|（三）其他情形数|件|litigation.total
complaints.total|六、举报投诉数量|件|
fees.total|七、依申请公开信息收取的费用|万元|
org|八、机构建设和保障经费情况|H|
org.units|（一）政府信息公开工作专门机构数|个|org
org.reading_points|（二）设置政府信息公开查阅点数|个|org
org.staff|（三）从事政府信息公开工作人员数|人|org
org.staff.full_time|1.专职人员数（不包括政府公报及政府网站工作人员数）|人|org.staff
org.staff.part_time|2.兼职人员数|人|org.staff
org.budget|（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面经费）|万元|org
meetings|九、政府信息公开会议和培训情况|H|
meetings.meetings|（一）召开政府信息公开工作会议或专题会议数|次|meetings
meetings.trainings|（二）举办各类培训班数|次|meetings
meetings.trainees|（三）接受培训人员数|人次|meetings
"""


def _build() -> Template:
    defs = []
    for line in _ROWS.strip().splitlines():
        ident, label, unit, parent = line.split("|")
        defs.append(
            IndicatorDef(
                id=ident,
                label=label,
                unit=None if unit == "H" else unit,
                parent=parent or None,
                decimal=unit == "万元",
            )
        )
    return Template(id="2008", title="政府信息公开情况统计表", indicators=tuple(defs))


TEMPLATE_2008 = _build()
