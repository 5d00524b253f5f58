"""The words shoppers and agents type — typos, brands, sizes, ids, titles, vague budgets — judged on true attributes.

    python -m benchmarks.words --encoder lite
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from statistics import median
from typing import Any, Callable, Sequence

import numpy as np

from benchmarks import common
from catalog.palette import CATEGORY_NAMES, COLOR_NAMES
from catalog.records import COLORS, Constraint, Product

K = 10
FULL, QUICK = 360, 24
KEPT_FAILURES = 10


@dataclass(frozen=True)
class Phrasing:
    kind: str                      # typo, brand, brand_exclusion, size, id, title, vague_budget, mixed
    language: str
    text: str
    truth: tuple[Constraint, ...]  # every top-10 result must meet these (judged on the product's real fields)
    target: str | None = None      # a look-up: this product must come first
    cheap_within: str | None = None  # a vague budget: results in the lower half of this category's prices


# --- typing as people do ------------------------------------------------------------------------------------

def misspell(word: str, rng: np.random.Generator) -> str:
    """One everyday slip (two letters swapped, one dropped or doubled) that makes no other English word: a slip
    that lands on a real word ("shirt" → "shit") is a different word, which no reader should correct."""
    if len(word) < 4 or not word.isalpha():
        return word
    for _ in range(8):
        position = int(rng.integers(1, len(word) - 1))
        slip = int(rng.integers(3))
        if slip == 0:
            typed = word[:position] + word[position + 1] + word[position] + word[position + 2:]
        elif slip == 1:
            typed = word[:position] + word[position + 1:]
        else:
            typed = word[:position] + word[position] + word[position:]
        if typed.lower() != word.lower() and typed.lower() not in _english():
            return typed
    return word


@cache
def _english():
    from spellchecker import SpellChecker

    return SpellChecker(language="en").word_frequency


def _case(text: str, rng: np.random.Generator) -> str:
    return [text, text.upper(), text.lower()][int(rng.integers(3))]


def id_forms(product_id: str, rng: np.random.Generator) -> str:
    """How an agent copies an id: any case, with its separators, without them, or with spaces."""
    parts = product_id.replace("_", "-").split("-")
    form = int(rng.integers(4))
    text = (product_id, "".join(parts), " ".join(parts), "-".join(parts))[form]
    return _case(text, rng)


# --- phrasings ---------------------------------------------------------------------------------------------

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "brand": {"en": ("{b} {k}", "{k} by {b}", "{b}'s {k}", "show me {b} {k}"),
              "zh": ("{b}的{k}", "{b}家的{k}", "有没有{b}的{k}")},
    "brand_exclusion": {"en": ("{k}, but not from {b}", "{k}, no {b}", "{k} not by {b}"),
                        "zh": ("{k}，不要{b}的", "不要{b}的{k}")},
    "size": {"en": ("{k}, size {s}", "{k} in size {s}", "size {s} {k}", "do you have {k} in {s}?"),
             "zh": ("{s}码的{k}", "{k}，{s}码", "有{s}码的{k}吗", "{k}尺码{s}")},
    "vague_budget": {"en": ("cheap {c} {k}", "affordable {k}", "{k}, not too expensive", "{c} {k} on a budget"),
                     "zh": ("便宜的{c}{k}", "{c}{k} 不要太贵", "实惠的{k}", "平价{k}")},
    "typo": {"en": ("{c} {k}", "{k} in {c}", "{c} {k} please"), "zh": ()},
    "id": {"en": ("{i}", "{i}", "sku {i}", "do you have {i}?"), "zh": ("{i}", "{i}", "货号{i}", "{i}还有吗")},
    "mixed": {"en": ("{b} {k} under {p}", "{c} {k}, size {s}, not {c2}", "{k} by {b}, size {s}"),
              "zh": ("{p}元以下的{b}{k}", "{s}码的{c}{k}，不要{c2}", "{b}的{k}，{s}码")},
}


class Generator:
    def __init__(self, products: Sequence[Product], rng: np.random.Generator) -> None:
        self.products = list(products)
        self.rng = rng
        self.by_category: dict[str, list[Product]] = {}
        for product in self.products:
            self.by_category.setdefault(product.category, []).append(product)

    def phrasings(self, count: int) -> list[Phrasing]:
        makers: list[tuple[str, Callable[[str], Phrasing | None]]] = [
            ("typo", self.typo), ("brand", self.brand), ("brand_exclusion", self.brand_exclusion),
            ("size", self.size), ("id", self.id), ("title", self.title), ("vague_budget", self.vague_budget),
            ("mixed", self.mixed)]
        found: list[Phrasing] = []
        attempts = 0
        while len(found) < count and attempts < count * 40:
            kind, make = makers[attempts % len(makers)]
            language = ("en", "zh")[(attempts // len(makers)) % 2]
            attempts += 1
            if kind == "typo":
                language = "en"  # Chinese is typed through an input method: its slips are other words, not letters
            phrasing = make(language)
            if phrasing is not None and self._answerable(phrasing):
                found.append(phrasing)
        return found

    def _answerable(self, phrasing: Phrasing) -> bool:
        return phrasing.target is not None or any(all(c.holds_for(p) for c in phrasing.truth) for p in self.products)

    def _pick(self) -> Product:
        return self.products[int(self.rng.integers(len(self.products)))]

    def _template(self, kind: str, language: str) -> str | None:
        options = TEMPLATES[kind][language]
        return str(options[int(self.rng.integers(len(options)))]) if options else None

    def _words(self, product: Product, language: str) -> dict[str, str]:
        other = COLORS[int(self.rng.integers(len(COLORS)))]
        return {"b": product.brand, "k": _category_word(product.category, language), "c": COLOR_NAMES[language][product.color],
                "c2": COLOR_NAMES[language][other] if other != product.color else "",
                "s": product.sizes[int(self.rng.integers(len(product.sizes)))] if product.sizes else "",
                "p": str(int(round(product.price / 50 + 1) * 50))}

    def typo(self, language: str) -> Phrasing | None:
        product = self._pick()
        words = self._words(product, language)
        category_word = _category_word(product.category, "en")
        words["k"] = " ".join(misspell(w, self.rng) if len(w) >= 5 else w for w in category_word.split())
        if self.rng.random() < 0.5:
            words["c"] = misspell(words["c"], self.rng)
        if words["k"] == category_word and words["c"] == COLOR_NAMES["en"][product.color]:
            return None  # nothing was misspelt
        text = self._template("typo", language).format(**words)
        truth = (Constraint("category", "eq", product.category), Constraint("color", "eq", product.color))
        return Phrasing("typo", language, text, truth)

    def brand(self, language: str) -> Phrasing | None:
        product = self._pick()
        text = self._template("brand", language).format(**self._words(product, language))
        return Phrasing("brand", language, text, (Constraint("category", "eq", product.category),
                                                  Constraint("brand", "eq", product.brand)))

    def brand_exclusion(self, language: str) -> Phrasing | None:
        product = self._pick()
        text = self._template("brand_exclusion", language).format(**self._words(product, language))
        return Phrasing("brand_exclusion", language, text, (Constraint("category", "eq", product.category),
                                                            Constraint("brand", "ne", product.brand)))

    def size(self, language: str) -> Phrasing | None:
        product = self._pick()
        words = self._words(product, language)
        if not words["s"] or words["s"] == "one size":
            return None
        text = self._template("size", language).format(**words)
        return Phrasing("size", language, text, (Constraint("category", "eq", product.category),
                                                 Constraint("size", "eq", words["s"])))

    def id(self, language: str) -> Phrasing | None:
        product = self._pick()
        text = self._template("id", language).format(i=id_forms(product.id, self.rng))
        return Phrasing("id", language, text, (), target=product.id)

    def title(self, language: str) -> Phrasing | None:
        product = self._pick()
        title = product.title_in(language)
        if len({p.id for p in self.products if p.title_in(language) == title}) > 1:
            return None  # two products share the title: no single right answer
        if language == "en" and self.rng.random() < 0.4:
            words = title.split()
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            words[longest] = misspell(words[longest], self.rng)
            title = " ".join(words)
        return Phrasing("title", language, title, (), target=product.id)

    def vague_budget(self, language: str) -> Phrasing | None:
        product = self._pick()
        template = self._template("vague_budget", language)
        text = template.format(**self._words(product, language))
        truth = [Constraint("category", "eq", product.category)]
        if "{c}" in template:
            truth.append(Constraint("color", "eq", product.color))
        return Phrasing("vague_budget", language, text, tuple(truth), cheap_within=product.category)

    def mixed(self, language: str) -> Phrasing | None:
        product = self._pick()
        words = self._words(product, language)
        template = self._template("mixed", language)
        if ("{s}" in template and (not words["s"] or words["s"] == "one size")) or ("{c2}" in template and not words["c2"]):
            return None
        truth = [Constraint("category", "eq", product.category)]
        if "{b}" in template:
            truth.append(Constraint("brand", "eq", product.brand))
        if "{p}" in template:
            truth.append(Constraint("price", "le", float(words["p"])))
        if "{s}" in template:
            truth.append(Constraint("size", "eq", words["s"]))
        if "{c}" in template:
            truth.append(Constraint("color", "eq", product.color))
        if "{c2}" in template:
            truth.append(Constraint("color", "ne", COLORS[[COLOR_NAMES[language][c] for c in COLORS].index(words["c2"])]))
        return Phrasing("mixed", language, template.format(**words), tuple(truth))


def _category_word(category: str, language: str) -> str:
    return CATEGORY_NAMES[language][category]


# --- judging -----------------------------------------------------------------------------------------------

class Judge:
    def __init__(self, assistant, products: Sequence[Product]) -> None:
        self.assistant = assistant
        self.cheap_bound = {}
        for category in {p.category for p in products}:
            self.cheap_bound[category] = median(p.price for p in products if p.category == category)

    def judge(self, phrasing: Phrasing) -> dict[str, Any]:
        try:
            reply = self.assistant.turn(self.assistant.new_session(phrasing.language), text=phrasing.text, k=K)
        except Exception as error:  # a turn that fails answers nothing: counted as a miss, and kept to read
            return {"ok": False, "first": False, "met": 0.0, "error": f"{type(error).__name__}: {error}"[:200]}
        shown = [item.hit.product for item in reply.results[:K]]
        truth = list(phrasing.truth)
        if phrasing.cheap_within:
            truth.append(Constraint("price", "le", float(self.cheap_bound[phrasing.cheap_within])))
        met = [all(c.holds_for(p) for c in truth) for p in shown]
        first = phrasing.target is not None and bool(shown) and shown[0].id == phrasing.target
        ok = first if phrasing.target is not None else (bool(shown) and all(met))
        return {"ok": ok, "first": first, "met": float(np.mean(met)) if met else 0.0,
                "shown": [p.id for p in shown[:3]], "reply": reply.text[:160]}


def main(argv: Sequence[str] | None = None) -> int:
    args = common.parser(__doc__.splitlines()[0]).parse_args(argv)
    run = common.start("words", args, argv)
    if run.encoder is None:
        return common.finish_missing(run)
    from assistant.engine import Assistant

    catalog = common.open_catalog(run)
    assistant = Assistant(run.encoder, catalog.index)
    assistant.thresholds
    phrasings = Generator(catalog.products, np.random.default_rng(args.seed)).phrasings(QUICK if args.quick else FULL)
    judge = Judge(assistant, catalog.products)
    by_kind: dict[str, list[tuple[Phrasing, dict]]] = {}
    for phrasing in phrasings:
        by_kind.setdefault(phrasing.kind, []).append((phrasing, judge.judge(phrasing)))
    sections = {"catalog": {"products": len(catalog.products)}, "phrasings": len(phrasings), "kinds": {}}
    for kind, judged in by_kind.items():
        lookups = [verdict for phrasing, verdict in judged if phrasing.target is not None]
        sections["kinds"][kind] = {
            "n": len(judged),
            "by_language": {lang: sum(1 for p, _ in judged if p.language == lang) for lang in ("en", "zh")},
            "all_met_top10": _share(v["ok"] for p, v in judged if p.target is None),
            "results_meeting_every_constraint": _mean(v["met"] for p, v in judged if p.target is None),
            "looked_up_first": _share(v["first"] for v in lookups),
            "failures": [{"text": p.text, **v} for p, v in judged if not v["ok"]][:KEPT_FAILURES],
        }
    filters = [v for judged in by_kind.values() for p, v in judged if p.target is None]
    lookups = [v for judged in by_kind.values() for p, v in judged if p.target is not None]
    sections["overall"] = {"all_met_top10": _share(v["ok"] for v in filters),
                           "looked_up_first": _share(v["first"] for v in lookups)}
    report = run.report(sections)
    print(render(report))
    common.write_json(run, report)
    common.write_plot(run, lambda figure: draw(figure, report), size=(11, 6))
    return 0


def _share(flags) -> float | None:
    flags = list(flags)
    return round(sum(map(bool, flags)) / len(flags), 3) if flags else None


def _mean(values) -> float | None:
    values = list(values)
    return round(float(np.mean(values)), 3) if values else None


def render(report: dict[str, Any]) -> str:
    rows = [(kind, s["n"], s["all_met_top10"], s["results_meeting_every_constraint"], s["looked_up_first"])
            for kind, s in report["kinds"].items()]
    overall = report["overall"]
    return common.table(("kind", "n", "all met (top 10)", "results meeting all", "looked-up first"), rows,
                        title=f"words [{report['encoder'].get('backend', '?')}]: {report['phrasings']} phrasings; "
                              f"all constraints met {overall['all_met_top10']}, looked-up first "
                              f"{overall['looked_up_first']}")


def draw(figure, report: dict[str, Any]) -> None:
    axis = figure.add_subplot(1, 1, 1)
    kinds = list(report["kinds"])
    values = [report["kinds"][k]["looked_up_first"] if report["kinds"][k]["looked_up_first"] is not None
              else report["kinds"][k]["all_met_top10"] or 0.0 for k in kinds]
    axis.bar(kinds, values, color="#4a7bb7")
    axis.axhline(0.98, color="#c0392b", linestyle="--", label="target 0.98 (look-ups 0.99)")
    axis.set_ylim(0, 1.05)
    axis.set_ylabel("share of phrasings answered right")
    axis.set_title(f"words benchmark — {report['phrasings']} phrasings, EN + ZH")
    axis.legend()
    for label in axis.get_xticklabels():
        label.set_rotation(20)


if __name__ == "__main__":
    sys.exit(main())
