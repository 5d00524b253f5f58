"""What one turn returns: the Reply record and its stable JSON contract."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.session import SessionState
from catalog.records import Constraint, Hit


@dataclass(frozen=True)
class RankedResult:
    rank: int
    hit: Hit
    why: str


@dataclass(frozen=True)
class QuickReply:
    label: str  # what the button says
    text: str  # what is sent as the next turn when it is clicked


@dataclass(frozen=True)
class Reply:
    text: str
    language: str
    encoder: str
    constraints: tuple[Constraint, ...]
    results: tuple[RankedResult, ...]
    no_good_match: bool
    question: str | None
    quick_replies: tuple[QuickReply, ...]
    elapsed_ms: float
    session: SessionState
    reference_label: str | None = None
    # The part of this turn's photo that was searched, (x0, y0, x1, y1) in the photo's own upright pixels;
    # None when the turn had no photo or the whole frame was used.
    region: tuple[int, int, int, int] | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def to_contract(self) -> dict[str, Any]:
        """The JSON object the CLI and the API return; its keys and types are a contract — keep them stable."""
        return {
            "reply": self.text,
            "language": self.language,
            "encoder": self.encoder,
            "constraints": [c.to_dict() for c in self.constraints],
            "results": [
                {
                    "rank": item.rank,
                    "id": item.hit.product.id,
                    "group_id": item.hit.product.group_id,
                    "title": item.hit.product.title_in(self.language),
                    "category": item.hit.product.category,
                    "color": item.hit.product.color,
                    "price": float(item.hit.product.price),
                    "score": round(float(item.hit.score), 4),
                    "why": item.why,
                }
                for item in self.results
            ],
            "no_good_match": self.no_good_match,
            "question": self.question,
            "region": list(self.region) if self.region is not None else None,
            "elapsed_ms": round(self.elapsed_ms, 2),
        }
