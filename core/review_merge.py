"""Merge two versions of one review by change, so that neither writer's work is lost.

When a review on disk was written by someone else since this window last read it (a
take-over, a second instance that ignored the lock, an older version of the program),
saving our whole session over it would silently drop their corrections. Instead both
versions are compared with the one they started from (``base``, what we last read or
wrote): every correction, disposition and setting is keyed, and for each key the side
that changed it wins; when both changed the same key, the one whose audit trail shows
the later change wins. The audit trails are united (each entry once) and kept in time
order, so even the losing value of a conflict stays on record.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

_MISSING = object()


def _entry_key(entry: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(entry.get(k) for k in ("at", "user", "action", "target", "old", "new", "reason"))


def _when(text: object) -> float:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return float("-inf")
    return moment.timestamp() if moment.tzinfo is not None else moment.astimezone().timestamp()


def merge_history(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every entry of either trail once (an entry both have, as often as either has it), by time."""
    have = Counter(_entry_key(e) for e in ours)
    merged = list(ours)
    for entry in theirs:
        key = _entry_key(entry)
        if have[key] > 0:
            have[key] -= 1
        else:
            merged.append(entry)
    return sorted(merged, key=lambda e: _when(e.get("at")))  # stable: equal times keep their order


def _last_change(history: list[dict[str, Any]], target: str) -> float:
    times = [_when(e.get("at")) for e in history if e.get("target") == target]
    return max(times, default=float("-inf"))


def _pick(base: object, ours: object, theirs: object, ours_newer: bool) -> object:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return ours if ours_newer else theirs


def _merge_keyed(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], newer: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in dict.fromkeys([*ours, *theirs, *base]):
        value = _pick(base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING), newer(key))
        if value is not _MISSING:
            out[key] = value
    return out


def merge_reviews(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """The review holding both ``ours`` and ``theirs`` changes since ``base``."""
    base = base or {}
    ours_h, theirs_h = list(ours.get("history") or []), list(theirs.get("history") or [])

    def ours_newer(target: str) -> bool:
        return _last_change(ours_h, target) >= _last_change(theirs_h, target)

    # A correction and its reason move together: key -> (value, reason).
    def paired(data: dict[str, Any]) -> dict[str, Any]:
        corrections, reasons = data.get("corrections") or {}, data.get("reasons") or {}
        return {k: (v, reasons.get(k, "")) for k, v in corrections.items()}

    values = _merge_keyed(paired(base), paired(ours), paired(theirs), ours_newer)
    dispositions = _merge_keyed(
        base.get("dispositions") or {}, ours.get("dispositions") or {}, theirs.get("dispositions") or {}, ours_newer
    )
    options = _merge_keyed(
        base.get("options") or {}, ours.get("options") or {}, theirs.get("options") or {}, ours_newer
    )
    identity = _pick(base.get("identity"), ours.get("identity"), theirs.get("identity"), ours_newer("identity"))
    merged = dict(ours)
    merged.update(
        corrections={k: v for k, (v, _) in values.items()},
        reasons={k: r for k, (_, r) in values.items() if r},
        dispositions=dispositions,
        options=options,
        identity=identity,
        history=merge_history(ours_h, theirs_h),
    )
    return merged
