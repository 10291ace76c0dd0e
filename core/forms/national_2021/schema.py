"""The 2021 report format (国办公开办函〔2021〕30号, report years 2021 on).

Same tables 三 and 四 as the 2019 format except that （六）其他处理 becomes a header with
three sub-rows; table 二 counts documents issued/repealed/in force and decisions. Ids
are a public interface (spec: template-2019-2021.md).
"""

from __future__ import annotations

from core.forms.matrix.schema import T3_OTHER_2021, T2Block, build_template

_DECISIONS = (("decisions", "本年处理决定数量", "件", False, False),)

T2_2021: tuple[T2Block, ...] = (
    (
        "t2.1",
        "第二十条第（一）项",
        (("regulations", "规章"), ("normative", "行政规范性文件")),
        (
            ("issued", "本年制发件数", "件", False, False),
            ("repealed", "本年废止件数", "件", False, False),
            ("in_force", "现行有效件数", "件", False, False),
        ),
    ),
    ("t2.5", "第二十条第（五）项", (("licensing", "行政许可"),), _DECISIONS),
    ("t2.6", "第二十条第（六）项", (("penalty", "行政处罚"), ("coercion", "行政强制")), _DECISIONS),
    (
        "t2.8",
        "第二十条第（八）项",
        (("fees", "行政事业性收费"),),
        (("amount", "本年收费金额（单位：万元）", "万元", True, False),),
    ),
)

TEMPLATE_2021 = build_template("2021", "政府信息公开工作年度报告（2021年格式）", T2_2021, T3_OTHER_2021)

# Words printed only by this version of the form (column heads of table 二, rows of
# 其他处理): evidence for telling the versions apart.
MARKERS_2021: tuple[str, ...] = (
    "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "缴纳费用",
)
