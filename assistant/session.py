"""One shopper's search state — reference, stacked constraints, likes, dislikes, last results — and its JSON form."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from typing import Any

from assistant import language as languages
from assistant.stacking import ActiveConstraint
from catalog.records import CATEGORIES, COLORS, FILTERABLE_FIELDS, OPERATORS, Constraint

SESSION_FORMAT = 1
MAX_REMEMBERED = 500  # likes/dislikes kept per session; an agent hand-over file stays small


class SessionFormatError(ValueError):
    """A session file that cannot be imported: malformed, from another catalog, or hand-edited into nonsense."""

    code = "bad_session"


@dataclass(frozen=True)
class Reference:
    """What "like this" points at: a catalog product, or the shopper's photo (only its vector is kept)."""

    source: str  # "product" or "upload"
    vector: tuple[float, ...]  # image-space vector; the photo itself is never stored
    product_id: str | None = None  # for "product"; for "upload", the catalog product it matches, if any
    label: str = ""
    color: str | None = None  # for a recognised "upload", the colour read from the photo (orders its colourways)

    def to_dict(self) -> dict[str, Any]:
        data = {"source": self.source, "product_id": self.product_id, "label": self.label,
                "vector": list(self.vector)}
        if self.color is not None:
            data["color"] = self.color  # optional: sessions saved without it still load
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Reference":
        source = data.get("source")
        if source not in ("product", "upload"):
            raise SessionFormatError(f"reference source must be 'product' or 'upload', not {source!r}")
        vector = data.get("vector")
        if not isinstance(vector, list) or not vector or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in vector
        ):
            raise SessionFormatError("reference vector must be a non-empty list of numbers")
        product_id = data.get("product_id")
        if product_id is not None and not isinstance(product_id, str):
            raise SessionFormatError("reference product_id must be a string")
        color = data.get("color")
        if color is not None and color not in COLORS:
            raise SessionFormatError(f"reference color must be one of the catalog's colours, not {str(color)[:40]!r}")
        return cls(source=source, vector=tuple(float(v) for v in vector), product_id=product_id,
                   label=str(data.get("label", ""))[:200], color=color)


@dataclass(frozen=True)
class SessionState:
    catalog: str = ""  # "<index name>|<encoder name>": a session only makes sense against the catalog it searched
    language: str = "en"
    turn: int = 0
    reference: Reference | None = None
    constraints: tuple[ActiveConstraint, ...] = ()
    semantic: str = ""  # the free-text part of the search that still applies
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    last_results: tuple[str, ...] = ()  # product ids as last shown, rank 1 first

    @property
    def active(self) -> list[Constraint]:
        return [c.constraint for c in self.constraints]

    def cleared(self) -> "SessionState":
        return SessionState(catalog=self.catalog, language=self.language, turn=self.turn)

    def liking(self, product_id: str) -> "SessionState":
        likes = tuple(p for p in self.likes if p != product_id) + (product_id,)
        dislikes = tuple(p for p in self.dislikes if p != product_id)
        return replace(self, likes=likes[-MAX_REMEMBERED:], dislikes=dislikes)

    def disliking(self, product_id: str) -> "SessionState":
        dislikes = tuple(p for p in self.dislikes if p != product_id) + (product_id,)
        likes = tuple(p for p in self.likes if p != product_id)
        return replace(self, likes=likes, dislikes=dislikes[-MAX_REMEMBERED:])

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": SESSION_FORMAT,
            "catalog": self.catalog,
            "language": self.language,
            "turn": self.turn,
            "reference": self.reference.to_dict() if self.reference else None,
            "constraints": [c.to_dict() for c in self.constraints],
            "semantic": self.semantic,
            "likes": list(self.likes),
            "dislikes": list(self.dislikes),
            "last_results": list(self.last_results),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, *, catalog: str | None = None) -> "SessionState":
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise SessionFormatError(f"session file is not valid JSON ({error})") from None
        return cls.from_dict(data, catalog=catalog)

    @classmethod
    def from_dict(cls, data: Any, *, catalog: str | None = None) -> "SessionState":
        """Validates everything: a session file is user input (a support agent may have edited it)."""
        if not isinstance(data, dict):
            raise SessionFormatError("session file must hold a JSON object")
        if data.get("format") != SESSION_FORMAT:
            raise SessionFormatError(f"unsupported session format {data.get('format')!r} (expected {SESSION_FORMAT})")
        stored_catalog = str(data.get("catalog", ""))
        if catalog is not None and stored_catalog and stored_catalog != catalog:
            raise SessionFormatError(
                f"this session was saved against another catalog ({stored_catalog}); this one is {catalog}"
            )
        language = data.get("language", "en")
        if not languages.is_known(language):
            raise SessionFormatError(f"language must be one of {', '.join(languages.codes())}, not {language!r}")
        turn = data.get("turn", 0)
        if not isinstance(turn, int) or isinstance(turn, bool) or turn < 0:
            raise SessionFormatError("turn must be a non-negative integer")
        constraints = []
        for raw in _list(data, "constraints"):
            if not isinstance(raw, dict):
                raise SessionFormatError("each constraint must be an object with field, op and value")
            if raw.get("field") not in FILTERABLE_FIELDS or raw.get("op") not in OPERATORS:
                raise SessionFormatError(f"invalid constraint {json.dumps(raw, ensure_ascii=False)[:120]}")
            try:
                active = ActiveConstraint.from_dict(raw)
            except (ValueError, TypeError, KeyError) as error:
                raise SessionFormatError(f"invalid constraint: {error}") from None
            _check_value(active.constraint)
            constraints.append(active)
        reference = data.get("reference")
        return cls(
            catalog=stored_catalog if catalog is None else catalog,
            language=language,
            turn=turn,
            reference=Reference.from_dict(reference) if reference is not None else None,
            constraints=tuple(constraints),
            semantic=_string(data.get("semantic", ""), "semantic")[:1000],
            likes=tuple(_ids(data, "likes")),
            dislikes=tuple(_ids(data, "dislikes")),
            last_results=tuple(_ids(data, "last_results")),
        )


def _check_value(constraint: Constraint) -> None:
    values = constraint.value if constraint.op in ("in", "nin") else (constraint.value,)
    if constraint.field == "price":
        if any(isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0 for v in values):
            raise SessionFormatError(f"price constraint needs a non-negative number, got {constraint.value!r}")
    elif any(not isinstance(v, str) for v in values) or not values:
        raise SessionFormatError(f"{constraint.field} constraint needs text values, got {constraint.value!r}")
    vocabulary = {"category": CATEGORIES, "color": COLORS}.get(constraint.field)
    if vocabulary and any(v not in vocabulary for v in values):
        raise SessionFormatError(f"unknown {constraint.field} in constraint: {constraint.value!r}")


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise SessionFormatError(f"{key} must be a list")
    return value


def _ids(data: dict, key: str) -> list[str]:
    values = _list(data, key)
    if not all(isinstance(v, str) and 0 < len(v) <= 200 for v in values):
        raise SessionFormatError(f"{key} must be a list of product ids")
    return values[-MAX_REMEMBERED:]


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise SessionFormatError(f"{key} must be text")
    return value
