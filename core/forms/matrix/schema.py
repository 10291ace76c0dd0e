"""What the 2019 and 2021 national forms share: tables 三 and 四, and how table 二 is laid out.

Tables 二/三/四 are matrices: every printed cell is its own indicator. Table 二 cells are
``t2.<row>.<column>``, table 三 cells ``<row id>@<column id>`` (``t3.new@natural``) and
table 四 cells ``t4.<group>.<measure>``. Header rows of table 三 are one header indicator
each (``t3.result``), never one per column. The ids are a public interface (spec:
template-2019-2021.md): never rename one.

The two versions differ only in table 二 and in the 其他处理 row of table 三; each version's
package (``core.forms.national_2019``, ``core.forms.national_2021``) gives its own and
``build_template`` assembles it.
"""

from __future__ import annotations

from core.schema.labels import short_label
from core.schema.model import IndicatorDef, Matrix, Template

# Table 三 columns as printed (法人或其他组织 spans commercial..other_org).
T3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
APPLICANTS: tuple[str, ...] = tuple(c for c, _ in T3_COLUMNS if c != "total")
# How a cell names its column in messages ("其他" alone would be unclear).
COLUMN_NAMES = dict(T3_COLUMNS) | {"other_org": "其他法人或其他组织"}

# (row id, label as printed, header?)
_T3_HEAD: tuple[tuple[str, str, bool], ...] = (
    ("t3.new", "一、本年新收政府信息公开申请数量", False),
    ("t3.carried_in", "二、上年结转政府信息公开申请数量", False),
    ("t3.result", "三、本年度办理结果", True),
    ("t3.result.granted", "（一）予以公开", False),
    ("t3.result.partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", False),
    ("t3.result.denied", "（三）不予公开", True),
    ("t3.result.denied.state_secret", "1．属于国家秘密", False),
    ("t3.result.denied.law_forbidden", "2．其他法律行政法规禁止公开", False),
    ("t3.result.denied.security_stability", "3．危及“三安全一稳定”", False),
    ("t3.result.denied.third_party", "4．保护第三方合法权益", False),
    ("t3.result.denied.internal_affairs", "5．属于三类内部事务信息", False),
    ("t3.result.denied.process_info", "6．属于四类过程性信息", False),
    ("t3.result.denied.enforcement_file", "7．属于行政执法案卷", False),
    ("t3.result.denied.admin_query", "8．属于行政查询事项", False),
    ("t3.result.unable", "（四）无法提供", True),
    ("t3.result.unable.not_held", "1．本机关不掌握相关政府信息", False),
    ("t3.result.unable.needs_creation", "2．没有现成信息需要另行制作", False),
    ("t3.result.unable.unclear", "3．补正后申请内容仍不明确", False),
    ("t3.result.not_processed", "（五）不予处理", True),
    ("t3.result.not_processed.petition", "1．信访举报投诉类申请", False),
    ("t3.result.not_processed.duplicate", "2．重复申请", False),
    ("t3.result.not_processed.publication", "3．要求提供公开出版物", False),
    ("t3.result.not_processed.mass_repetitive", "4．无正当理由大量反复申请", False),
    ("t3.result.not_processed.confirm_reissue", "5．要求行政机关确认或重新出具已获取信息", False),
)
T3_OTHER_2019: tuple[tuple[str, str, bool], ...] = (("t3.result.other", "（六）其他处理", False),)
T3_OTHER_2021: tuple[tuple[str, str, bool], ...] = (
    ("t3.result.other", "（六）其他处理", True),
    ("t3.result.other.no_correction", "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", False),
    ("t3.result.other.unpaid_fee", "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", False),
    ("t3.result.other.other", "3．其他", False),
)
_T3_TAIL: tuple[tuple[str, str, bool], ...] = (
    ("t3.result.total", "（七）总计", False),
    ("t3.carried_out", "四、结转下年度继续办理", False),
)

T4_GROUPS: tuple[tuple[str, str], ...] = (
    ("t4.review", "行政复议"),
    ("t4.lit_direct", "行政诉讼·未经复议直接起诉"),
    ("t4.lit_after_review", "行政诉讼·复议后起诉"),
)
T4_MEASURES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

# A table 二 block: (matrix id, title, rows [(row, label)], columns [(column, label, unit, decimal, signed)])
T2Block = tuple[str, str, tuple[tuple[str, str], ...], tuple[tuple[str, str, str, bool, bool], ...]]



def _t2(blocks: tuple[T2Block, ...]) -> tuple[list[IndicatorDef], list[Matrix]]:
    defs: list[IndicatorDef] = []
    matrices: list[Matrix] = []
    for matrix_id, title, rows, columns in blocks:
        for row, row_label in rows:
            for column, column_label, unit, decimal, signed in columns:
                defs.append(
                    IndicatorDef(
                        id=f"t2.{row}.{column}",
                        label=f"{row_label}·{column_label}",
                        unit=unit,
                        decimal=decimal,
                        signed=signed,
                        row=f"t2.{row}",
                        column=column,
                    )
                )
        matrices.append(
            Matrix(
                id=matrix_id,
                title=f"二、主动公开政府信息情况 {title}",
                rows=tuple((f"t2.{r}", label) for r, label in rows),
                columns=tuple((c, label) for c, label, *_ in columns),
                separator=".",
            )
        )
    return defs, matrices


# Rows whose printed label alone reads badly in a message ("总计·总计").
_ROW_NAMES = {"t3.result.total": "办理结果总计", "t3.result.other.other": "其他处理·其他"}


def _t3(other_rows: tuple[tuple[str, str, bool], ...]) -> tuple[list[IndicatorDef], Matrix]:
    rows = (*_T3_HEAD, *other_rows, *_T3_TAIL)
    defs: list[IndicatorDef] = []
    headers: list[str] = []  # the open header rows, outermost first
    for row, label, header in rows:
        # A header row opens a group that lasts until the next row that is not its child.
        while headers and not row.startswith(headers[-1] + "."):
            headers.pop()
        parent = headers[-1] if headers else None
        if header:
            defs.append(IndicatorDef(id=row, label=label, unit=None, parent=parent, row=row))
            headers.append(row)
            continue
        row_name = _ROW_NAMES.get(row) or short_label(label)
        for column, _ in T3_COLUMNS:
            defs.append(
                IndicatorDef(
                    id=f"{row}@{column}",
                    label=f"{row_name}·{COLUMN_NAMES[column]}",
                    unit="件",
                    parent=parent,
                    row=row,
                    column=column,
                )
            )
    matrix = Matrix(
        id="t3",
        title="三、收到和处理政府信息公开申请情况",
        rows=tuple((row, label) for row, label, _ in rows),
        columns=T3_COLUMNS,
        separator="@",
        column_groups=(("申请人情况", 0, 7), ("法人或其他组织", 1, 5)),
    )
    return defs, matrix


def _t4() -> tuple[list[IndicatorDef], Matrix]:
    defs = [
        IndicatorDef(
            id=f"{group}.{measure}",
            label=f"{group_label}·{measure_label}",
            unit="件",
            row=group,
            column=measure,
        )
        for group, group_label in T4_GROUPS
        for measure, measure_label in T4_MEASURES
    ]
    matrix = Matrix(
        id="t4",
        title="四、政府信息公开行政复议、行政诉讼情况",
        rows=T4_GROUPS,
        columns=T4_MEASURES,
        separator=".",
    )
    return defs, matrix


def build_template(template_id: str, title: str, t2_blocks: tuple[T2Block, ...], other_rows: tuple[tuple[str, str, bool], ...]) -> Template:
    t2_defs, t2_matrices = _t2(t2_blocks)
    t3_defs, t3_matrix = _t3(other_rows)
    t4_defs, t4_matrix = _t4()
    return Template(
        id=template_id,
        title=title,
        indicators=(*t2_defs, *t3_defs, *t4_defs),
        matrices=(*t2_matrices, t3_matrix, t4_matrix),
    )

