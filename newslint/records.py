"""Small value classes without the dataclasses module, for the modules a check run imports.

Why: a pre-commit hook starts newslint once per commit, and ``import dataclasses`` (it pulls
in inspect, ast, dis and tokenize) plus generating each class's methods cost about 15 ms of
a ~100 ms run. :func:`record` gives a class what those modules used from dataclasses:
field-wise ``==``, a ``Name(field=value, ...)`` repr, and for frozen records a hash and no
assignment. Each class writes its own plain ``__init__`` (frozen ones store fields with
``object.__setattr__``, as dataclasses does); copy and pickle work as for dataclasses.
"""

from __future__ import annotations

from operator import attrgetter

_set = object.__setattr__


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record (as ``dataclasses.FrozenInstanceError``)."""


def record(*, frozen: bool = False, compare: tuple[str, ...] | None = None):  # type: ignore[no-untyped-def]
    """Class decorator. The fields are the class's own annotated names, in order (read from
    ``__annotations__``, which ``from __future__ import annotations`` keeps as plain strings: no
    typing import). ``compare``: the fields ``==`` and ``hash`` use (default: all)."""

    def wrap(cls):  # type: ignore[no-untyped-def]
        fields = tuple(cls.__dict__.get("__annotations__", {}))
        key = attrgetter(*(fields if compare is None else compare))

        def __eq__(self, other):  # type: ignore[no-untyped-def]
            if other.__class__ is not self.__class__:
                return NotImplemented
            return key(self) == key(other)

        def __repr__(self) -> str:
            return f"{self.__class__.__qualname__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in fields) + ")"

        methods: dict = {"__eq__": __eq__, "__repr__": __repr__}
        if frozen:
            def __hash__(self) -> int:
                return hash(key(self))

            def __setattr__(self, name: str, value: object) -> None:
                if type(self) is cls or name in fields:
                    raise FrozenInstanceError(f"cannot assign to field {name!r}")
                super(cls, self).__setattr__(name, value)

            def __delattr__(self, name: str) -> None:
                if type(self) is cls or name in fields:
                    raise FrozenInstanceError(f"cannot delete field {name!r}")
                super(cls, self).__delattr__(name)

            methods.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__)
        elif "__hash__" not in cls.__dict__:
            methods["__hash__"] = None  # mutable and comparable: unhashable, as a dataclass
        for name, method in methods.items():
            if name not in cls.__dict__ or name == "__hash__" and cls.__dict__[name] is None:
                if method is not None:
                    method.__qualname__ = f"{cls.__qualname__}.{name}"
                setattr(cls, name, method)
        cls.__record_fields__ = fields
        return cls

    return wrap


def fields(obj_or_cls: object) -> tuple[str, ...]:
    """The field names of a record class or instance, in order."""
    return obj_or_cls.__record_fields__  # type: ignore[attr-defined]


def asdict(obj: object) -> dict:
    """Field name -> value (shallow)."""
    return {f: getattr(obj, f) for f in fields(obj)}


def replace(obj, **changes):  # type: ignore[no-untyped-def]
    """A copy of ``obj`` with ``changes`` (as ``dataclasses.replace``; __init__ takes every field)."""
    values = asdict(obj)
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)
