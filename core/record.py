"""``@record``: the engine's value classes, declared like dataclasses, cheap to define.

``@dataclass`` compiles each method it generates on its own: six compiles for a frozen
class, ~1.2 ms a class on CPython 3.11, and with the module's own import (it pulls in
``copy`` too) ~50 ms of the window's start-up for our 40-odd classes. ``@record``
compiles ``__init__``, ``__eq__`` and ``__hash__`` together in one go (the packaged app
takes that code from core.startup_cache) and shares one ``__repr__`` and one frozen
``__setattr__`` between all classes.

It does what this project asks of dataclasses, with the same meaning: fields from
annotations in order (``ClassVar`` skipped, a base record's fields first), defaults and
``field(default_factory=..., repr=False, compare=False)``, ``frozen`` (assignment raises
FrozenInstanceError, an AttributeError), ``slots``, ``__post_init__``, equality between
instances of the same class, hashing of frozen records, pickling, and ``replace``.
Nothing more: no ordering, no ``InitVar``, no keyword-only fields.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from core.startup_cache import compile_source

T = TypeVar("T")
_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record (dataclasses raises its own of the same name)."""


class Field:
    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any = _MISSING, default_factory: Any = _MISSING, repr: bool = True,  # noqa: A002
                 compare: bool = True) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default, self.default_factory, self.repr, self.compare = default, default_factory, repr, compare

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is _MISSING


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING,
          repr: bool = True, compare: bool = True) -> Any:  # noqa: A002 (dataclasses' name)
    return Field(default, default_factory, repr, compare)


def record(cls: type[T] | None = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    def wrap(cls: type[T]) -> type[T]:
        return _build(cls, frozen, slots)

    return wrap if cls is None else wrap(cls)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of ``obj`` with some fields changed (``__post_init__`` runs again, as in dataclasses)."""
    for f in obj.__record_fields__:  # type: ignore[attr-defined]
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


# ---- shared methods ------------------------------------------------------------------
def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__record_fields__ if f.repr)
    return f"{self.__class__.__qualname__}({shown})"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in self.__record_fields__)


def _setstate(self: Any, state: tuple[Any, ...]) -> None:
    for f, value in zip(self.__record_fields__, state):
        object.__setattr__(self, f.name, value)  # a frozen record's own __setattr__ refuses


# ---- building a class ----------------------------------------------------------------
def _own_fields(cls: type) -> list[Field]:
    found = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if isinstance(annotation, str) and annotation.replace("typing.", "").startswith("ClassVar"):
            continue
        spec = cls.__dict__.get(name, _MISSING)
        f = spec if isinstance(spec, Field) else Field(default=spec)
        f.name = name
        found.append(f)
    return found


def _methods(cls: type, all_fields: list[Field], frozen: bool) -> dict[str, Any]:
    """``__init__``, ``__eq__`` (and ``__hash__`` when frozen) from one compiled source."""
    env: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": _MISSING}
    params, body = [], []
    for i, f in enumerate(all_fields):
        if f.default_factory is not _MISSING:
            env[f"_factory{i}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            value = f"_factory{i}() if {f.name} is _MISSING else {f.name}"
        else:
            if f.default is not _MISSING:
                env[f"_default{i}"] = f.default
                params.append(f"{f.name}=_default{i}")
            else:
                params.append(f.name)
            value = f.name
        body.append(f"_set(self, {f.name!r}, {value})" if frozen else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    compared = [f.name for f in all_fields if f.compare]
    mine = "(" + "".join(f"self.{n}," for n in compared) + ")"
    theirs = "(" + "".join(f"other.{n}," for n in compared) + ")"
    source = "\n".join([
        f"def __create__({', '.join(env)}):",
        f"    def __init__(self, {', '.join(params)}):",
        *(f"        {line}" for line in body or ["pass"]),
        "    def __eq__(self, other):",
        "        if other.__class__ is self.__class__:",
        f"            return {mine} == {theirs}",
        "        return NotImplemented",
        "    def __hash__(self):",
        f"        return hash({mine})",
        "    return __init__, __eq__, __hash__",
    ])
    namespace: dict[str, Any] = {}
    exec(compile_source(source, f"<record {cls.__qualname__}>"), {}, namespace)  # noqa: S102
    init, eq, hash_ = namespace["__create__"](**env)
    for fn in (init, eq, hash_):
        fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
    return {"__init__": init, "__eq__": eq, "__hash__": hash_ if frozen else None}


def _build(cls: type[T], frozen: bool, slots: bool) -> type[T]:
    inherited: list[Field] = []
    for base in reversed(cls.__mro__[1:]):
        inherited = [f for f in inherited if f.name not in {g.name for g in base.__dict__.get("__record_fields__", ())}]
        inherited += list(base.__dict__.get("__record_fields__", ()))
    own = _own_fields(cls)
    all_fields = [f for f in inherited if f.name not in {g.name for g in own}] + own
    seen_default = False
    for f in all_fields:
        if not f.required:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")

    # Methods written in the class body win, as with dataclasses.
    methods = {k: v for k, v in _methods(cls, all_fields, frozen).items() if k not in cls.__dict__ or k == "__hash__"}
    methods["__record_fields__"] = tuple(all_fields)
    if "__repr__" not in cls.__dict__:
        methods["__repr__"] = _repr
    if frozen:
        methods["__setattr__"], methods["__delattr__"] = _frozen_setattr, _frozen_delattr
    if slots:
        namespace = {k: v for k, v in cls.__dict__.items() if k not in {f.name for f in own} | {"__dict__", "__weakref__"}}
        namespace.update(methods, __slots__=tuple(f.name for f in own), __qualname__=cls.__qualname__)
        if frozen:  # pickle restores slots with setattr, which a frozen record refuses
            namespace["__getstate__"], namespace["__setstate__"] = _getstate, _setstate
        return type(cls)(cls.__name__, cls.__bases__, namespace)  # type: ignore[return-value]
    for f in own:
        if isinstance(cls.__dict__.get(f.name), Field):  # a field(...) marker is not a class default
            if f.default is _MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in methods.items():
        setattr(cls, name, value)
    return cls
