"""The record types that cross module boundaries: Product, Hit, Neighbour, Constraint, and the fixed vocabularies."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

# Fixed slugs: every later module (query understanding, filters, the UI) speaks these.
CATEGORIES: tuple[str, ...] = (
    "t-shirt", "trousers", "pullover", "dress", "coat",
    "sandal", "shirt", "sneaker", "bag", "ankle-boot",
)
COLORS: tuple[str, ...] = (
    "black", "white", "grey", "red", "pink", "orange", "yellow",
    "green", "blue", "navy", "purple", "brown", "beige",
)

# Attributes a filter may name; they are also the metadata the index stores per vector.
FILTERABLE_FIELDS: tuple[str, ...] = ("category", "color", "price", "group_id", "brand", "id", "size")
# Fields a product holds several values of: a filter on them asks about membership (size "M" = M is stocked).
SET_FIELDS: frozenset[str] = frozenset({"size"})
_PRODUCT_ATTRIBUTE = {"size": "sizes"}
OPERATORS: tuple[str, ...] = ("eq", "ne", "in", "nin", "lt", "le", "gt", "ge")


@dataclass(frozen=True)
class Product:
    id: str
    group_id: str
    title: str
    category: str
    color: str
    price: float
    image: str  # absolute path once a source has been read
    title_zh: str = ""
    description: str = ""
    currency: str = "CNY"
    brand: str = ""
    sizes: tuple[str, ...] = ()
    # Names of attributes (e.g. "category", "color") that ingestion inferred instead of reading them.
    inferred: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sizes"] = list(self.sizes)
        data["inferred"] = sorted(self.inferred)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Product":
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["sizes"] = tuple(values.get("sizes") or ())
        values["inferred"] = frozenset(values.get("inferred") or ())
        values["price"] = float(values["price"])
        return cls(**values)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    def title_in(self, language: str) -> str:
        return self.title_zh if language == "zh" and self.title_zh else self.title

    def embedding_text(self) -> str:
        """The text the text space encodes: what a shopper would type to find this product."""
        parts = [self.title, self.color, self.category.replace("-", " "), self.description]
        return ". ".join(p for p in parts if p)


@dataclass(frozen=True)
class Hit:
    product: Product
    score: float
    # Similarity per vector space that contributed, e.g. {"image": 0.91, "text": 0.42}.
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Neighbour:
    """A search result without its product: the id and the cosine similarity in the space searched."""

    id: str
    score: float


@dataclass(frozen=True)
class Constraint:
    """One hard filter: `field op value`, e.g. Constraint("color", "ne", "white")."""

    field: str
    op: str
    value: Any

    def __post_init__(self) -> None:
        if self.field not in FILTERABLE_FIELDS:
            raise ValueError(f"unknown filter field {self.field!r}; expected one of {FILTERABLE_FIELDS}")
        if self.op not in OPERATORS:
            raise ValueError(f"unknown filter operator {self.op!r}; expected one of {OPERATORS}")
        if self.op in ("in", "nin"):
            if isinstance(self.value, (str, bytes)) or not hasattr(self.value, "__iter__"):
                raise ValueError(f"{self.op} needs a list of values, got {self.value!r}")
            object.__setattr__(self, "value", tuple(self.value))
        if self.op in ("lt", "le", "gt", "ge"):
            if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
                raise ValueError(f"{self.op} needs a number, got {self.value!r}")

    def holds_for(self, product: Product) -> bool:
        actual = getattr(product, _PRODUCT_ATTRIBUTE.get(self.field, self.field))
        if self.field in SET_FIELDS:
            return self._holds_for_set(frozenset(actual))
        match self.op:
            case "eq":
                return actual == self.value
            case "ne":
                return actual != self.value
            case "in":
                return actual in self.value
            case "nin":
                return actual not in self.value
            case "lt":
                return actual < self.value
            case "le":
                return actual <= self.value
            case "gt":
                return actual > self.value
            case "ge":
                return actual >= self.value
        raise AssertionError(self.op)

    def _holds_for_set(self, stocked: frozenset) -> bool:
        match self.op:
            case "eq":
                return self.value in stocked
            case "ne":
                return self.value not in stocked
            case "in":
                return not stocked.isdisjoint(self.value)
            case "nin":
                return stocked.isdisjoint(self.value)
        raise ValueError(f"{self.field} holds several values; {self.op} does not apply to it")

    def to_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"field": self.field, "op": self.op, "value": value}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Constraint":
        return cls(field=data["field"], op=data["op"], value=data["value"])


def content_hash(product: Product, image_bytes: bytes) -> str:
    """Identity of what the source gave (hashed before inference): an unchanged row is never re-encoded."""
    digest = hashlib.sha256()
    digest.update(image_bytes)
    text_fields = product.to_dict()
    text_fields.pop("image")  # the bytes stand for the image, not where it lies
    digest.update(json.dumps(text_fields, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:32]
