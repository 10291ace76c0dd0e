"""core.record behaves as dataclasses does for everything the project uses it for.

Each class is declared twice, once with ``@record`` and once with ``@dataclass``, and the
two are put through the same operations.
"""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any, ClassVar

import pytest

from core import record as record_module
from core.record import FrozenInstanceError, field, record, replace


def _declare(decorate: Any, make_field: Any, frozen: bool, slots: bool) -> Any:
    class Row:
        KIND: ClassVar[str] = "row"
        id: str
        value: int = 0
        tags: list[str] = make_field(default_factory=list)
        note: str = make_field(default="", repr=False)
        cache: dict[str, int] = make_field(default_factory=dict, compare=False)

        def doubled(self) -> int:
            return self.value * 2

    return decorate(frozen=frozen, slots=slots)(Row)


def _pair(frozen: bool, slots: bool) -> tuple[Any, Any]:
    return _declare(record, field, frozen, slots), _declare(dataclasses.dataclass, dataclasses.field, frozen, slots)


CALLS = [(("a",), {}), (("a", 3), {"note": "x"}), ((), {"id": "b", "tags": ["t"], "cache": {"k": 1}})]
KINDS = pytest.mark.parametrize("frozen, slots", [(False, False), (True, False), (False, True), (True, True)])


@KINDS
def test_construction_repr_and_equality_match_dataclasses(frozen: bool, slots: bool) -> None:
    ours, theirs = _pair(frozen, slots)
    for args, kwargs in CALLS:
        mine, ref = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(mine) == repr(ref)
        assert (mine.id, mine.value, mine.tags, mine.note, mine.cache) == (ref.id, ref.value, ref.tags, ref.note, ref.cache)
        assert mine == ours(*args, **kwargs)
        assert mine.doubled() == ref.doubled() and mine.KIND == "row"
    assert ours("a", note="n") != ours("a", note="m")  # repr=False still compares
    assert ours("a", cache={"x": 1}) == ours("a", cache={"y": 2})  # compare=False does not
    assert ours("a") != theirs("a") and ours("a") != ("a", 0)  # only the same class compares equal
    assert ours("a").tags is not ours("a").tags  # a fresh default each time
    with pytest.raises(TypeError):
        ours()  # id is required
    with pytest.raises(TypeError):
        ours("a", nope=1)


@KINDS
def test_hashing_and_mutation_follow_frozen(frozen: bool, slots: bool) -> None:
    ours, theirs = _pair(frozen, slots)
    mine, ref = ours("a", 1, ()), theirs("a", 1, ())
    if frozen:
        assert hash(mine) == hash(ours("a", 1, (), cache={"other": 2}))
        assert len({mine, ours("a", 1, ()), ours("b", 1, ())}) == 2
        with pytest.raises(FrozenInstanceError):
            mine.value = 2
        with pytest.raises(AttributeError):  # dataclasses' error is an AttributeError too
            del mine.value
        with pytest.raises(dataclasses.FrozenInstanceError):
            ref.value = 2
    else:
        with pytest.raises(TypeError):
            hash(mine)
        with pytest.raises(TypeError):
            hash(ref)
        mine.value = 5
        assert mine.value == 5
    assert hasattr(mine, "__dict__") == hasattr(ref, "__dict__") == (not slots)


@KINDS
def test_pickle_round_trip(frozen: bool, slots: bool) -> None:
    global Row  # pickle finds classes by module and name
    Row = _pair(frozen, slots)[0]
    Row.__qualname__ = "Row"
    original = Row("a", 2, ["t"], "n", {"k": 1})
    copy = pickle.loads(pickle.dumps(original))
    assert copy == original and copy.cache == {"k": 1} and copy.note == "n"


def test_replace_post_init_and_inheritance() -> None:
    @record(frozen=True, slots=True)
    class Base:
        a: int
        b: int = 0

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    @record(frozen=True, slots=True)
    class Child(Base):
        c: str = "x"

    child = Child(1, 2, "y")
    assert (child.a, child.b, child.c) == (1, 2, "y") and repr(child) == "test_replace_post_init_and_inheritance.<locals>.Child(a=1, b=2, c='y')"
    changed = replace(child, b=5)
    assert changed == Child(1, 5, "y") and child.b == 2 and type(changed) is Child
    with pytest.raises(ValueError):
        replace(child, a=-1)  # __post_init__ runs again
    assert Child(1) != Base(1)


def test_declaration_errors_match_dataclasses() -> None:
    with pytest.raises(TypeError):
        @record
        class Bad:
            a: int = 0
            b: int
    with pytest.raises(ValueError):
        field(default=1, default_factory=list)


def test_record_module_imports_nothing_heavy() -> None:
    source = record_module.__loader__.get_source(record_module.__name__)  # type: ignore[union-attr]
    assert "import dataclasses" not in source and "import copy" not in source and "import inspect" not in source
