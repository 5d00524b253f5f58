"""Relevance against ground truth from the demo catalog: exact match, composed edits, unseen photos, text, scripts.

    python -m benchmarks.relevance --encoder lite
"""
from __future__ import annotations

import sys
from collections import defaultdict
from typing import Any, Sequence

import numpy as np

from benchmarks import common
from benchmarks.degrade import BACKGROUNDS, degrade, random_degradation
from benchmarks.queries import attribute_queries, color_word, composed_text
from catalog.palette import COLOR_NAMES

K = 10
FULL = {"exact": 300, "composed": 400, "unseen": 200, "text": 300, "scripts": 60}
QUICK = {"exact": 6, "composed": 8, "unseen": 6, "text": 8, "scripts": 2}
KEPT_FAILURES = 8

# Multi-turn scripts: photo → colour → cheaper → exclusion → like/dislike → reset.
SCRIPT_STEPS = ("photo", "colour", "cheaper", "exclusion", "like_dislike", "reset")
SCRIPT_TEXT = {
    "en": {"colour": "same in {c}", "cheaper": "cheaper", "exclusion": "not {c}", "reset": "start over"},
    "zh": {"colour": "换成{c}", "cheaper": "便宜点", "exclusion": "不要{c}的", "reset": "重新开始"},
}


def main(argv: Sequence[str] | None = None) -> int:
    args = common.parser(__doc__.splitlines()[0]).parse_args(argv)
    run = common.start("relevance", args, argv)
    if run.encoder is None:
        return common.finish_missing(run)
    from assistant.engine import Assistant

    catalog = common.open_catalog(run)
    assistant = Assistant(run.encoder, catalog.index)
    assistant.thresholds  # calibrated once, before anything is judged
    sizes = QUICK if args.quick else FULL
    judge = _Judge(assistant, catalog, _Baselines(run.encoder, catalog.index), args.seed)
    sections: dict[str, Any] = {
        "catalog": {"products": len(catalog.products), "groups": len(catalog.groups), "source": str(catalog.source)},
        "exact": judge.exact(sizes["exact"]),
        "composed": judge.composed(sizes["composed"]),
        "unseen": judge.unseen(sizes["unseen"]),
        "text": judge.text(sizes["text"]),
        "multi_turn": judge.scripts(sizes["scripts"]),
    }
    sections["lift"] = _lifts(sections)
    report = run.report(sections)
    print(render(report))
    common.write_json(run, report)
    common.write_plot(run, lambda figure: draw(figure, report), size=(15, 8.5))
    return 0


# --- baselines --------------------------------------------------------------------------------------------

class _Baselines:
    """The simple systems a shopper could have had instead, on the same queries."""

    def __init__(self, encoder, index) -> None:
        self.encoder, self.index = encoder, index

    def image_only(self, photo_vector: np.ndarray) -> list[str]:
        return _ids(self.index.query("image", photo_vector, K))

    def text_only(self, text: str) -> list[str]:
        return _ids(self.index.query("text", self.encoder.embed_text(text), K))

    def naive_sum(self, photo_vector: np.ndarray, text: str) -> list[str] | None:
        if not self.encoder.shared_space:
            return None  # separate spaces: a photo vector and a text vector cannot be added
        combined = photo_vector + self.encoder.embed_text(text)
        return _ids(self.index.query("image", combined / np.linalg.norm(combined), K))


def _ids(hits) -> list[str]:
    return [hit.product.id for hit in hits]


def _reply_ids(reply) -> list[str]:
    return [item.hit.product.id for item in reply.results]


def _rank(ids: Sequence[str], target: str) -> int | None:
    return ids.index(target) + 1 if target in ids else None


def _ranking(ranks: Sequence[int | None], ks: Sequence[int] = (1, 5, 10)) -> dict[str, float]:
    if not ranks:
        return {}
    metrics = {f"R@{k}": round(float(np.mean([r is not None and r <= k for r in ranks])), 4) for k in ks}
    metrics["MRR"] = round(float(np.mean([1.0 / r if r else 0.0 for r in ranks])), 4)
    metrics["n"] = len(ranks)
    return metrics


# --- the tasks --------------------------------------------------------------------------------------------

class _Judge:
    def __init__(self, assistant, catalog, baselines: _Baselines, seed: int) -> None:
        self.assistant, self.catalog, self.baselines = assistant, catalog, baselines
        self.encoder = assistant.encoder
        self.products = catalog.products
        self.by_id = catalog.by_id
        self.multi = [g for g in catalog.groups.values() if len(g) >= 2]
        self.seed = seed

    def _rng(self, task: str) -> np.random.Generator:
        # One stream per task: changing the size of one task never changes the queries of another.
        return np.random.default_rng([self.seed, sum(map(ord, task))])

    def _photo(self, product, rng):
        from catalog.images import load_image

        how = random_degradation(rng)
        return degrade(load_image(product.image), how, rng), how

    def exact(self, count: int) -> dict[str, Any]:
        """A degraded catalog photo, photo only: is that very product first?"""
        rng = self._rng("exact")
        ours, same_item, image_only, matched, failures = [], [], [], [], []
        by_background: dict[str, list] = defaultdict(list)
        for i in rng.choice(len(self.products), size=min(count, len(self.products)), replace=False):
            product = self.products[i]
            photo, how = self._photo(product, rng)
            reply = self.assistant.turn(self.assistant.new_session(), image=photo, k=K)
            ids = _reply_ids(reply)
            rank = _rank(ids, product.id)
            ours.append(rank)
            matched.append(reply.session.reference.product_id is not None)
            by_background[how.background].append(rank)
            same_item.append(bool(ids) and self.by_id[ids[0]].group_id == product.group_id)
            image_only.append(_rank(self.baselines.image_only(self.encoder.embed_image(photo)), product.id))
            if rank != 1 and len(failures) < KEPT_FAILURES:
                failures.append({"target": product.id, "rank": rank, "top": ids[:3], "degradation": how.to_dict()})
        return {
            "ours": {**_ranking(ours), "same_item@1": round(float(np.mean(same_item)), 4)},
            "baselines": {"image_only": _ranking(image_only), "text_only": None, "naive_sum": None},
            "ours_by_background": {b: _ranking(by_background[b]) for b in BACKGROUNDS if by_background[b]},
            "identity_matched_share": _mean(matched),
            "failures": failures,
        }

    def composed(self, count: int) -> dict[str, Any]:
        """Degraded photo of colourway A + "in <colour of B>" → is B first?"""
        rng = self._rng("composed")
        ranks: dict[str, dict[str, list]] = {lang: defaultdict(list) for lang in ("en", "zh")}
        colour_share: dict[str, list[float]] = defaultdict(list)
        language_right: list[bool] = []
        failures = []
        for n in range(count):
            language = ("en", "zh")[n % 2]
            group = self.multi[rng.integers(len(self.multi))]
            source, target = (group[i] for i in rng.choice(len(group), size=2, replace=False))
            text, template = composed_text(target.color, language, rng)
            photo, _ = self._photo(source, rng)
            reply = self.assistant.turn(self.assistant.new_session(language), text=text, image=photo, k=K)
            ids = _reply_ids(reply)
            rank = _rank(ids, target.id)
            vector = self.encoder.embed_image(photo)
            ranks[language]["ours"].append(rank)
            ranks[language]["image_only"].append(_rank(self.baselines.image_only(vector), target.id))
            ranks[language]["text_only"].append(_rank(self.baselines.text_only(text), target.id))
            summed = self.baselines.naive_sum(vector, text)
            if summed is not None:
                ranks[language]["naive_sum"].append(_rank(summed, target.id))
            colour_share[language].append(
                float(np.mean([self.by_id[i].color == target.color for i in ids])) if ids else 0.0)
            language_right.append(reply.language == language)
            if rank != 1 and len(failures) < KEPT_FAILURES:
                failures.append({"source": source.id, "target": target.id, "text": text, "template": template,
                                 "rank": rank, "top": ids[:3], "parsed": [c.to_dict() for c in reply.constraints]})
        both = {system: ranks["en"][system] + ranks["zh"][system] for system in ranks["en"]}
        return {
            "ours": _ranking(both["ours"]),
            "ours_by_language": {lang: _ranking(ranks[lang]["ours"]) for lang in ranks},
            "baselines": {
                "image_only": _ranking(both["image_only"]),
                "text_only": _ranking(both["text_only"]),
                "naive_sum": _ranking(both["naive_sum"]) if both.get("naive_sum") else None,
            },
            "baselines_by_language": {lang: {s: _ranking(r) for s, r in ranks[lang].items() if s != "ours"}
                                      for lang in ranks},
            "target_colour_share@10": {lang: round(float(np.mean(v)), 4) for lang, v in colour_share.items()},
            "language_detected": round(float(np.mean(language_right)), 4),
            "failures": failures,
        }

    def unseen(self, count: int) -> dict[str, Any]:
        """Fashion-MNIST TEST items (never in the catalog), colourised and degraded: same category and colour?"""
        from catalog.colorize import colorize
        from catalog.demo import LABEL_CATEGORIES, load_scans
        from catalog.records import COLORS

        rng = self._rng("unseen")
        scans = load_scans("test")
        scores: dict[str, dict[str, list[float]]] = {"ours": defaultdict(list), "image_only": defaultdict(list)}
        matched: list[bool] = []
        for i in rng.choice(len(scans.labels), size=min(count, len(scans.labels)), replace=False):
            category = LABEL_CATEGORIES[int(scans.labels[i])]
            colour = COLORS[rng.integers(len(COLORS))]
            clean = colorize(scans.images[i], colour, size=128, variant_seed=int(rng.integers(1 << 30)))
            how = random_degradation(rng)
            photo = degrade(clean, how, rng)
            reply = self.assistant.turn(self.assistant.new_session(), image=photo, k=K)
            ours = _reply_ids(reply)
            # An unseen garment "recognised" as a catalog item pins that item's colourways first.
            matched.append(reply.session.reference.product_id is not None)
            image_only = self.baselines.image_only(self.encoder.embed_image(photo))
            for system, ids in (("ours", ours), ("image_only", image_only)):
                found = [self.by_id[i] for i in ids]
                scores[system]["category"].append(_share(p.category == category for p in found))
                scores[system]["colour"].append(_share(p.color == colour for p in found))
                scores[system]["both"].append(_share(p.category == category and p.color == colour for p in found))
        summary = {system: {f"P@10 {kind}": round(float(np.mean(values)), 4) for kind, values in by_kind.items()}
                   for system, by_kind in scores.items()}
        for values in summary.values():
            values["n"] = len(scores["ours"]["both"])
        return {"ours": summary["ours"], "identity_matched_share": _mean(matched),
                "baselines": {"image_only": summary["image_only"], "text_only": None, "naive_sum": None}}

    def text(self, count: int) -> dict[str, Any]:
        """Text-only attribute searches: do the top 10 meet every stated constraint (by the TRUE attributes)?"""
        rng = self._rng("text")
        results: dict[str, dict[str, list]] = {"ours": defaultdict(list), "text_only": defaultdict(list)}
        failures = []
        for query in attribute_queries(self.products, count, rng):
            possible = min(K, sum(query.satisfied_by(p) for p in self.products))
            reply = self.assistant.turn(self.assistant.new_session(query.language), text=query.text, k=K)
            for system, ids in (("ours", _reply_ids(reply)), ("text_only", self.baselines.text_only(query.text))):
                met = [query.satisfied_by(self.by_id[i]) for i in ids[:K]]
                filled = sum(met) / possible
                all_met = bool(met) and all(met) and len(met) >= possible
                results[system][query.language].append((filled, all_met))
                if system == "ours" and not all_met and len(failures) < KEPT_FAILURES:
                    failures.append({"text": query.text, "truth": [c.to_dict() for c in query.truth],
                                     "parsed": [c.to_dict() for c in reply.constraints], "met": sum(met),
                                     "returned": len(met), "possible": possible})

        def summarise(by_language: dict[str, list]) -> dict[str, Any]:
            rows = by_language["en"] + by_language["zh"]
            return {"satisfying@10": _mean(r[0] for r in rows), "all_constraints_met": _mean(r[1] for r in rows),
                    "n": len(rows),
                    "by_language": {lang: {"satisfying@10": _mean(r[0] for r in by_language[lang]),
                                           "all_constraints_met": _mean(r[1] for r in by_language[lang]),
                                           "n": len(by_language[lang])} for lang in ("en", "zh")}}

        return {"ours": summarise(results["ours"]),
                "baselines": {"image_only": None, "text_only": summarise(results["text_only"]), "naive_sum": None},
                "failures": failures}

    def scripts(self, count: int) -> dict[str, Any]:
        """Multi-turn sessions, photo → colour → cheaper → exclusion → like/dislike → reset, pass/fail per step."""
        rng = self._rng("scripts")
        passed: dict[str, dict[str, list[bool]]] = {lang: defaultdict(list) for lang in ("en", "zh")}
        failures = []
        for n in range(count):
            language = ("en", "zh")[n % 2]
            steps, notes = self._script(language, rng)
            for step, ok in steps.items():
                if ok is not None:
                    passed[language][step].append(ok)
            if not all(ok is not False for ok in steps.values()) and len(failures) < KEPT_FAILURES:
                failures.append({"language": language, "steps": steps, **notes})
        by_language = {lang: {step: _mean(passed[lang][step]) for step in SCRIPT_STEPS} for lang in passed}
        overall = {step: _mean(passed["en"][step] + passed["zh"][step]) for step in SCRIPT_STEPS}
        return {"steps": list(SCRIPT_STEPS), "pass_rate": overall, "pass_rate_by_language": by_language,
                "n": count, "failures": failures}

    def _script(self, language: str, rng: np.random.Generator) -> tuple[dict[str, bool | None], dict]:
        from catalog.records import Constraint

        words = SCRIPT_TEXT[language]
        group = self.multi[rng.integers(len(self.multi))]
        source, target = (group[i] for i in rng.choice(len(group), size=2, replace=False))
        colour = target.color
        photo, _ = self._photo(source, rng)
        turn = self.assistant.turn
        steps: dict[str, bool | None] = dict.fromkeys(SCRIPT_STEPS)
        notes: dict[str, Any] = {"source": source.id, "target": target.id}

        first = turn(self.assistant.new_session(language), image=photo, k=K)
        ids = _reply_ids(first)
        steps["photo"] = bool(ids) and self.by_id[ids[0]].group_id == source.group_id

        second = turn(first.session, text=words["colour"].format(c=color_word(colour, language, rng)), k=K)
        ids = _reply_ids(second)
        steps["colour"] = bool(ids) and ids[0] == target.id and all(self.by_id[i].color == colour for i in ids)
        if not ids:
            return steps, notes
        anchor = self.by_id[ids[0]]
        wanted = [Constraint("category", "eq", anchor.category), Constraint("price", "lt", anchor.price),
                  Constraint("color", "eq", colour)]
        third = turn(second.session, text=words["cheaper"], k=K)
        steps["cheaper"] = self._meets(_reply_ids(third), wanted)

        wanted[-1] = Constraint("color", "ne", colour)
        # Canonical colour words here: the colour step already exercised the aliases.
        fourth = turn(third.session, text=words["exclusion"].format(c=COLOR_NAMES[language][colour]), k=K)
        ids = _reply_ids(fourth)
        steps["exclusion"] = self._meets(ids, wanted)
        notes["after_exclusion"] = ids[:3]
        session = fourth.session
        if len(ids) >= 2:
            liked, disliked = ids[1], ids[0]
            fifth = turn(session, like=[liked], dislike=[disliked], k=K)
            after = _reply_ids(fifth)
            steps["like_dislike"] = (disliked not in after and liked in after
                                     and all(all(c.holds_for(self.by_id[i]) for c in wanted) for i in after))
            session = fifth.session

        sixth = turn(session, text=words["reset"], k=K)
        state = sixth.session
        steps["reset"] = (not sixth.results and not sixth.constraints and state.reference is None
                          and not state.likes and not state.dislikes and not state.semantic)
        return steps, notes

    def _meets(self, ids: Sequence[str], wanted) -> bool:
        """Every result meets every constraint, and results are there exactly when the catalog has some."""
        exists = any(all(c.holds_for(p) for c in wanted) for p in self.products)
        return bool(ids) == exists and all(all(c.holds_for(self.by_id[i]) for c in wanted) for i in ids)


def _share(flags) -> float:
    values = list(flags)
    return float(np.mean(values)) if values else 0.0


def _mean(values) -> float | None:
    values = list(values)
    return round(float(np.mean(values)), 4) if values else None


HEADLINE = {"exact": "R@1", "composed": "R@1", "unseen": "P@10 both", "text": "satisfying@10"}


def _lifts(sections: dict[str, Any]) -> dict[str, Any]:
    """Our headline metric against the best baseline that applies to the task."""
    lifts = {}
    for task, metric in HEADLINE.items():
        ours = sections[task]["ours"].get(metric)
        baselines = {name: values[metric] for name, values in sections[task]["baselines"].items()
                     if values and values.get(metric) is not None}
        if not baselines or ours is None:
            continue
        best = max(baselines, key=baselines.get)
        lifts[task] = {"metric": metric, "ours": ours, "best_baseline": best, "baseline": baselines[best],
                       "lift_points": round(ours - baselines[best], 4),
                       "lift_ratio": round(ours / baselines[best], 2) if baselines[best] else None}
    return lifts


# --- output -----------------------------------------------------------------------------------------------

def render(report: dict[str, Any]) -> str:
    encoder = report["encoder"]
    lines = [f"relevance - encoder {encoder['name']} - catalog {report['catalog']['products']} products"]
    exact = report["exact"]
    rows = [["ours (photo turn)", exact["ours"]["R@1"], exact["ours"]["R@5"], exact["ours"]["MRR"],
             exact["ours"]["same_item@1"], exact["ours"]["n"]],
            ["image-only", exact["baselines"]["image_only"]["R@1"], exact["baselines"]["image_only"]["R@5"],
             exact["baselines"]["image_only"]["MRR"], None, exact["baselines"]["image_only"]["n"]]]
    rows += [[f"  ours, {b} background", m["R@1"], m["R@5"], m["MRR"], None, m["n"]]
             for b, m in exact["ours_by_background"].items()]
    lines.append(common.table(["exact match (degraded catalog photo)", "R@1", "R@5", "MRR", "item@1", "n"], rows))

    composed = report["composed"]
    rows = [["ours", *(composed["ours"][m] for m in ("R@1", "R@5", "R@10", "MRR", "n"))]]
    rows += [[f"  ours, {lang}", *(v[m] for m in ("R@1", "R@5", "R@10", "MRR", "n"))]
             for lang, v in composed["ours_by_language"].items()]
    for name, values in composed["baselines"].items():
        rows.append([name.replace("_", "-"), *((values or {}).get(m) for m in ("R@1", "R@5", "R@10", "MRR", "n"))])
    lines.append(common.table(["composed (photo A + colour of B → B)", "R@1", "R@5", "R@10", "MRR", "n"], rows))

    unseen = report["unseen"]
    rows = [[name, *(values.get(f"P@10 {k}") for k in ("category", "colour", "both")), values["n"]]
            for name, values in (("ours", unseen["ours"]), ("image-only", unseen["baselines"]["image_only"]))]
    lines.append(common.table(["unseen photos (FM test split)", "P@10 cat", "P@10 colour", "P@10 both", "n"], rows))
    lines.append(f"  unseen photos taken for a catalog item (identity match): {unseen['identity_matched_share']}; "
                 f"degraded catalog photos recognised: {exact['identity_matched_share']}")

    text = report["text"]
    rows = [["ours", text["ours"]["satisfying@10"], text["ours"]["all_constraints_met"], text["ours"]["n"]]]
    rows += [[f"  ours, {lang}", v["satisfying@10"], v["all_constraints_met"], v["n"]]
             for lang, v in text["ours"]["by_language"].items()]
    base = text["baselines"]["text_only"]
    rows.append(["text-only (raw text, text space)", base["satisfying@10"], base["all_constraints_met"], base["n"]])
    lines.append(common.table(["text attribute queries", "satisfying@10", "all met", "n"], rows))

    scripts = report["multi_turn"]
    rows = [[step, scripts["pass_rate"][step], scripts["pass_rate_by_language"]["en"][step],
             scripts["pass_rate_by_language"]["zh"][step]] for step in scripts["steps"]]
    lines.append(common.table([f"multi-turn scripts (n={scripts['n']}) step", "pass", "en", "zh"], rows))

    rows = [[task, v["metric"], v["ours"], v["best_baseline"], v["baseline"], v["lift_points"], v["lift_ratio"]]
            for task, v in report["lift"].items()]
    lines.append(common.table(["lift over best baseline", "metric", "ours", "best baseline", "its value",
                               "lift (points)", "ratio"], rows))
    return "\n".join(lines)


def draw(figure, report: dict[str, Any]) -> None:
    def bars(axis, title, groups: dict[str, dict[str, float | None]], metrics: Sequence[str]) -> None:
        systems = [s for s, v in groups.items() if v]
        width = 0.8 / max(1, len(systems))
        for j, system in enumerate(systems):
            values = [groups[system].get(m) or 0.0 for m in metrics]
            axis.bar(np.arange(len(metrics)) + j * width, values, width, label=system)
        axis.set_xticks(np.arange(len(metrics)) + width * (len(systems) - 1) / 2, metrics,
                        rotation=20 if len(metrics) > 4 else 0, fontsize=8)
        axis.set_ylim(0, 1.22)  # headroom for the legend above the bars
        axis.set_yticks(np.linspace(0, 1, 6))
        axis.set_title(title, fontsize=10)
        axis.legend(fontsize=7, ncol=min(4, len(systems)), loc="upper center")

    exact, composed, unseen, text = (report[t] for t in ("exact", "composed", "unseen", "text"))
    bars(figure.add_subplot(2, 3, 1), "exact match (degraded photo)",
         {"ours": exact["ours"], "image-only": exact["baselines"]["image_only"]}, ("R@1", "R@5", "MRR"))
    bars(figure.add_subplot(2, 3, 2), "composed: photo + colour",
         {"ours en": composed["ours_by_language"]["en"], "ours zh": composed["ours_by_language"]["zh"],
          **{k.replace("_", "-"): v for k, v in composed["baselines"].items()}}, ("R@1", "R@5", "R@10"))
    bars(figure.add_subplot(2, 3, 3), "unseen photos (precision@10)",
         {"ours": unseen["ours"], "image-only": unseen["baselines"]["image_only"]},
         ("P@10 category", "P@10 colour", "P@10 both"))
    bars(figure.add_subplot(2, 3, 4), "text attribute queries",
         {"ours en": text["ours"]["by_language"]["en"], "ours zh": text["ours"]["by_language"]["zh"],
          "text-only": text["baselines"]["text_only"]}, ("satisfying@10", "all_constraints_met"))
    scripts = report["multi_turn"]
    bars(figure.add_subplot(2, 3, 5), "multi-turn scripts: pass rate per step",
         {lang: scripts["pass_rate_by_language"][lang] for lang in ("en", "zh")}, scripts["steps"])
    bars(figure.add_subplot(2, 3, 6), "exact match R@1 by background",
         {"ours": {b: v["R@1"] for b, v in exact["ours_by_background"].items()}},
         list(exact["ours_by_background"]))
    figure.suptitle(f"relevance · {report['encoder']['name']} · {report['catalog']['products']} products")


if __name__ == "__main__":
    sys.exit(main())
