"""How a new constraint stacks onto the active ones: newer wins where they conflict, exclusions accumulate."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from catalog.records import Constraint

_POSITIVE = ("eq", "in")
_NEGATIVE = ("ne", "nin")
_UPPER = ("lt", "le")
_LOWER = ("gt", "ge")


@dataclass(frozen=True)
class ActiveConstraint:
    constraint: Constraint
    turn: int  # the turn that set it; shown to agents and used to tell newer from older

    def to_dict(self) -> dict:
        return {**self.constraint.to_dict(), "turn": self.turn}

    @classmethod
    def from_dict(cls, data: dict) -> "ActiveConstraint":
        return cls(Constraint.from_dict(data), int(data.get("turn", 0)))


def stack(active: Sequence[ActiveConstraint], new: Iterable[Constraint], turn: int) -> list[ActiveConstraint]:
    result = list(active)
    for constraint in new:
        if any(kept.constraint == constraint for kept in result):
            continue  # said again: it keeps the turn that first set it
        result = [kept for kept in result if not _superseded(kept.constraint, constraint)]
        result.append(ActiveConstraint(constraint, turn))
    return _narrow_choices(result)


def without_fields(active: Sequence[ActiveConstraint], fields: Iterable[str]) -> list[ActiveConstraint]:
    dropped = set(fields)
    return [kept for kept in active if kept.constraint.field not in dropped]


def without(active: Sequence[ActiveConstraint], constraint: Constraint) -> list[ActiveConstraint]:
    return [kept for kept in active if kept.constraint != constraint]


def _superseded(old: Constraint, new: Constraint) -> bool:
    """True when `old` must give way to `new` ("red" then "blue" means blue)."""
    if old.field != new.field:
        return False
    if new.field == "price":
        if new.op in _UPPER:
            return old.op in _UPPER or (old.op in _LOWER and not _range_open(old, new))
        if new.op in _LOWER:
            return old.op in _LOWER or (old.op in _UPPER and not _range_open(new, old))
        return old.op == new.op
    if new.op in _POSITIVE:
        # A fresh choice replaces earlier choices, and any exclusion of what is now chosen.
        return old.op in _POSITIVE or (old.op in _NEGATIVE and bool(_values(old) & _values(new)))
    if new.op in _NEGATIVE:
        # Excluding what was chosen drops the choice; other exclusions stack ("not white", then "not black").
        if old.op in _POSITIVE:
            return _values(old) <= _values(new)
        return False
    return False


def _range_open(lower: Constraint, upper: Constraint) -> bool:
    """Whether `lower` and `upper` together still admit some price."""
    if lower.value < upper.value:
        return True
    return lower.value == upper.value and lower.op == "ge" and upper.op == "le"


def _values(constraint: Constraint) -> set:
    return set(constraint.value) if constraint.op in ("in", "nin") else {constraint.value}


def _narrow_choices(active: Sequence[ActiveConstraint]) -> list[ActiveConstraint]:
    """An "in" choice partly excluded later keeps only what is left ("red or blue", then "not blue" → red)."""
    result = []
    exclusions: dict[str, set] = {}
    for kept in active:
        if kept.constraint.op in _NEGATIVE:
            exclusions.setdefault(kept.constraint.field, set()).update(_values(kept.constraint))
    for kept in active:
        c = kept.constraint
        if c.op == "in" and c.field in exclusions:
            remaining = tuple(v for v in c.value if v not in exclusions[c.field])
            if remaining and len(remaining) < len(c.value):
                c = Constraint(c.field, "eq", remaining[0]) if len(remaining) == 1 else Constraint(c.field, "in", remaining)
                kept = ActiveConstraint(c, kept.turn)
        result.append(kept)
    return result
