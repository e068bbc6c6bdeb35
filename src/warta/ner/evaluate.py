"""Entity-level exact-span scores (conlleval style): micro, per type and macro over types."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .conll import LABELS, spans_from_tags


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold_tags: list[str], pred_tags: list[str]) -> None:
        gold = set(spans_from_tags(gold_tags))
        pred = set(spans_from_tags(pred_tags))
        for lab, *_ in gold & pred:
            self.tp[lab] += 1
        for lab, *_ in pred - gold:
            self.fp[lab] += 1
        for lab, *_ in gold - pred:
            self.fn[lab] += 1

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def per_type(self) -> dict[str, dict[str, float]]:
        out = {}
        for lab in LABELS:
            p, r, f = self._prf(self.tp[lab], self.fp[lab], self.fn[lab])
            out[lab] = {"p": p, "r": r, "f1": f, "gold": self.tp[lab] + self.fn[lab],
                        "pred": self.tp[lab] + self.fp[lab]}
        return out

    def micro(self) -> dict[str, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p, r, f = self._prf(tp, fp, fn)
        return {"p": p, "r": r, "f1": f, "gold": tp + fn, "pred": tp + fp}

    def macro(self) -> dict[str, float]:
        # Over the types present in the gold data (IndoNLU's published NER figure is this).
        types = [v for v in self.per_type().values() if v["gold"]]
        if not types:
            return {"p": 0.0, "r": 0.0, "f1": 0.0}
        return {k: sum(t[k] for t in types) / len(types) for k in ("p", "r", "f1")}

    def as_dict(self) -> dict:
        return {"micro": self.micro(), "macro": self.macro(), "per_type": self.per_type()}

    def table(self) -> str:
        rows = [f"{'':8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
        for lab, v in self.per_type().items():
            rows.append(f"{lab:8}{v['p']:8.3f}{v['r']:8.3f}{v['f1']:8.3f}{v['gold']:7d}{v['pred']:7d}")
        m = self.micro()
        rows.append(f"{'micro':8}{m['p']:8.3f}{m['r']:8.3f}{m['f1']:8.3f}{m['gold']:7d}{m['pred']:7d}")
        a = self.macro()
        rows.append(f"{'macro':8}{a['p']:8.3f}{a['r']:8.3f}{a['f1']:8.3f}")
        return "\n".join(rows)
