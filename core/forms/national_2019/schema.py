"""Table 二 of the 2019 national form (国办公开办函〔2019〕60号, report years 2019-2020).

Tables 三 and 四 come from ``core.forms.matrix.schema``; the 2019 form prints （六）其他处理
as one row with values. Ids are a public interface (spec: template-2019-2021.md).
"""

from __future__ import annotations

from core.forms.matrix.schema import T3_OTHER_2019, T2Block, build_template

_PREV_CHANGE = (
    ("prev_items", "上一年项目数量", "项", False, False),
    ("change", "本年增/减", "项", False, True),
)
T2_2019: tuple[T2Block, ...] = (
    (
        "t2.1",
        "第二十条第（一）项",
        (("regulations", "规章"), ("normative", "规范性文件")),
        (
            ("new_made", "本年新制作数量", "件", False, False),
            ("new_published", "本年新公开数量", "件", False, False),
            ("total_published", "对外公开总数量", "件", False, False),
        ),
    ),
    (
        "t2.5",
        "第二十条第（五）项",
        (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        (*_PREV_CHANGE, ("decisions", "处理决定数量", "件", False, False)),
    ),
    (
        "t2.6",
        "第二十条第（六）项",
        (("penalty", "行政处罚"), ("coercion", "行政强制")),
        (*_PREV_CHANGE, ("decisions", "处理决定数量", "件", False, False)),
    ),
    ("t2.8", "第二十条第（八）项", (("fees", "行政事业性收费"),), _PREV_CHANGE),
    (
        "t2.9",
        "第二十条第（九）项",
        (("procurement", "政府集中采购"),),
        (("projects", "采购项目数量", "项", False, False), ("amount", "采购总金额", "万元", True, False)),
    ),
)


TEMPLATE_2019 = build_template("2019", "政府信息公开工作年度报告（2019年格式）", T2_2019, T3_OTHER_2019)

# Words printed only by this version of the form (column heads of table 二, rows of
# 其他处理): evidence for telling the versions apart.
MARKERS_2019: tuple[str, ...] = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增／减",
    "政府集中采购", "采购总金额", "其他对外管理服务事项",
)
