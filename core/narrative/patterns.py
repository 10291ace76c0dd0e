"""What a narrative figure counts: wording patterns mapped to indicator ids, as data.

Each report form has a ``PatternSet`` (its package under ``core.forms`` builds it):
ordered ``CountPattern`` rows (first match wins), ``ZeroPattern`` rows for statements of
absence ("未收到…申请"), and ``shares`` naming the denominator of "占…的N%" for a
numerator's ids. This module only defines their shape.

Patterns are matched against the *clause* that leads up to a figure (from the last
punctuation mark, or the previous figure, to the figure), with whitespace removed, so
"网站发布各类信息 1457 条" and page-wrapped "各类文\\n\\n件 245 条" read the same.
Patterns are kept as text and compiled by ``re`` the first time a clause is held against
them (``re`` keeps what it compiled): a report's clauses meet only some of a form's patterns.
Pure standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CountPattern:
    """A clause matching ``keyword`` (and ``requires``, and not ``excludes``) counts ``ids``.

    ``subject`` names the quantity in Chinese; two claims contradict each other only
    when they share ids *and* subject (a department's own site and the city portal are
    both "网站", but not the same count). The claim's evidence starts where ``keyword``
    matched. ``units``: the figure must carry one of them.
    """

    ids: tuple[str, ...]
    subject: str
    keyword: str
    units: frozenset[str]
    requires: str | None = None
    excludes: str | None = None
    # What the sentence is about before the clause: "行政复议7件（维持5件…）" and
    # "行政诉讼9件（维持8件…）" use the same words for different rows. The last mention of
    # ``topic`` before the clause must come after the last mention of ``rival``.
    topic: str | None = None
    rival: str | None = None


@dataclass(frozen=True, slots=True)
class ZeroPattern:
    """A negation (``negation``) whose scope mentions ``subject_re`` states ``ids`` = 0."""

    ids: tuple[str, ...]
    subject: str
    negation: str
    subject_re: str
    excludes: str | None = None


@dataclass
class PatternSet:
    """What a form's narrative figures can count: the wordings of its counts, zeros and shares."""

    counts: list[CountPattern] = field(default_factory=list)
    zeros: list[ZeroPattern] = field(default_factory=list)
    shares: dict[str, tuple[str, ...]] = field(default_factory=dict)  # numerator id -> denominator ids
