"""Measure the date resolver on the labelled set: `python -m tracker.article.evaluate`.

Each labelled line holds a sentence, the expression in it, the publication date and
the gold window (earliest, latest, precision). The pipeline is run as the importer
runs it: the tense is the heuristic's reading of the sentence (not the label's,
unless --gold-tense), then the expression is resolved. A hit is an exact match of
earliest, latest and precision. Detection (did the finder mark exactly these words?)
and tense agreement are reported beside it, because a resolver that is right only
when handed the words would overstate what an import finds.

Exits 1 when overall accuracy is below --threshold (default 0.95), so CI can hold it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tracker.article.resolve import resolve_expression
from tracker.article.temporal import find_expressions
from tracker.article.tense import tense_at
from tracker.model.fuzzydate import DateError

# In a source checkout; an installed copy has no tests folder: pass --file then.
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "tests" / "data" / "temporal" / "labelled.jsonl"
CATEGORIES = ("absolute", "bare_month", "weekday", "season", "part_of_month", "relative", "year",
              "decade")


@dataclass
class Tally:
    total: int = 0
    exact: int = 0
    detected: int = 0
    tense_agrees: int = 0
    tense_labelled: int = 0

    def add(self, exact: bool, detected: bool, tense_ok: bool | None) -> None:
        self.total += 1
        self.exact += exact
        self.detected += detected
        if tense_ok is not None:
            self.tense_labelled += 1
            self.tense_agrees += tense_ok


@dataclass
class Report:
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    overall: Tally = field(default_factory=Tally)
    failures: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.overall.exact / self.overall.total if self.overall.total else 0.0


def load(path: Path) -> list[dict]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            item = json.loads(line)
            if item["expression"] not in item["sentence"]:
                raise ValueError(f"{path.name}:{number}: the expression is not in the sentence")
            items.append(item)
    return items


def evaluate(items: list[dict], *, gold_tense: bool = False) -> Report:
    report = Report()
    for item in items:
        sentence, words = item["sentence"], item["expression"]
        start = sentence.index(words)
        end = start + len(words)
        detected = any((f.start, f.end) == (start, end) for f in find_expressions(sentence))
        heuristic = tense_at(sentence, start, end)
        tense = item.get("tense") if gold_tense and item.get("tense") else heuristic
        reference = dt.date.fromisoformat(item["reference"])
        try:
            got = resolve_expression(words, reference, tense)
            result = (got.earliest.isoformat(), got.latest.isoformat(), got.precision)
        except DateError as exc:
            result = ("error", str(exc)[:60], "")
        gold = (item["earliest"], item["latest"], item["precision"])
        exact = result == gold
        tense_ok = None if not item.get("tense") else item["tense"] == heuristic
        report.by_category[item["category"]].add(exact, detected, tense_ok)
        report.overall.add(exact, detected, tense_ok)
        if not exact or not detected:
            report.failures.append(
                f"[{item['category']}] {words!r} ref {item['reference']} tense {tense}: got "
                f"{result}, gold {gold}{'' if detected else ' (not detected)'} — {sentence}")
    return report


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    –"


def format_report(report: Report) -> str:
    lines = [f"{'category':<14} {'n':>4} {'exact':>7} {'detected':>9} {'tense':>7}"]
    names = [c for c in CATEGORIES if c in report.by_category]
    names += sorted(set(report.by_category) - set(CATEGORIES))
    for name in [*names, "overall"]:
        t = report.overall if name == "overall" else report.by_category[name]
        lines.append(f"{name:<14} {t.total:>4} {_pct(t.exact, t.total):>7} "
                     f"{_pct(t.detected, t.total):>9} {_pct(t.tense_agrees, t.tense_labelled):>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracker.article.evaluate",
                                     description="Accuracy of the temporal resolver per category.")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="labelled JSONL file")
    parser.add_argument("--threshold", type=float, default=0.95,
                        help="fail (exit 1) below this overall exact accuracy (default 0.95)")
    parser.add_argument("--gold-tense", action="store_true",
                        help="use the labelled tense instead of the heuristic's")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    try:
        items = load(args.file)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    report = evaluate(items, gold_tense=args.gold_tense)
    print(format_report(report))
    if args.verbose:
        print("\n".join(report.failures) or "no misses")
    ok = report.accuracy >= args.threshold
    print(f"overall exact accuracy {report.accuracy:.1%} "
          f"({'meets' if ok else 'BELOW'} threshold {args.threshold:.0%})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
