"""Score the importer on real articles: `python -m tracker.article.score [FOLDER]`.

Each article is a ``.txt`` with a ``.json`` beside it (as `tracker import-article` reads
them) whose ``gold`` list holds the events a careful reader lists, written by hand before
the importer was run: a window (earliest, latest, optional ``alt`` windows the words
equally allow), a status, whether the date words stand in the event's own sentence
(``dated``) and ``evidence``: quotes, each inside one sentence that reports the event.
Gold events without a window are real but undatable from the text: proposing them is
no error, missing them costs nothing.

A candidate belongs to the gold event whose evidence its excerpts overlap; among
several, the one whose evidence holds the candidate's date words, else whose window
meets the candidate's. Reported, as the issue asks:

* recall of dated events (date words in their own sentence) and of all datable ones;
* precision: candidates that belong to some gold event / all candidates;
* duplicates: candidates beyond the first for one gold event / all candidates;
* exact windows: the first candidate of each found event has the gold earliest and
  latest (or an ``alt``);
* wrong year: a found event whose window misses the gold one by a different year.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tracker.article.candidates import Candidate, find_candidates
from tracker.article.extract import read_article
from tracker.article.names import builtin_actors

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "articles"
FUTURE = {"planned", "announced"}


@dataclass
class Score:
    articles: int = 0
    candidates: int = 0
    belonging: int = 0
    duplicates: int = 0
    dated: int = 0
    dated_found: int = 0
    datable: int = 0
    datable_found: int = 0
    exact: int = 0
    windows_scored: int = 0
    wrong_year: int = 0
    status_ok: int = 0
    notes: list[str] = field(default_factory=list)

    def ratio(self, a: str, b: str) -> float:
        den = getattr(self, b)
        return getattr(self, a) / den if den else 0.0

    @property
    def recall_dated(self) -> float:
        return self.ratio("dated_found", "dated")

    @property
    def recall_all(self) -> float:
        return self.ratio("datable_found", "datable")

    @property
    def precision(self) -> float:
        return self.ratio("belonging", "candidates")

    @property
    def duplicate_rate(self) -> float:
        return self.ratio("duplicates", "candidates")

    @property
    def exact_rate(self) -> float:
        return self.ratio("exact", "windows_scored")


def _spans(c: Candidate) -> list[tuple[int, int]]:
    return list(getattr(c, "spans", None) or [c.span])


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place the quote stands (a page may repeat a paragraph); ValueError if none."""
    out, at = [], text.find(quote)
    while at >= 0:
        out.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if not out:
        raise ValueError(f"evidence not in the text: {quote!r}")
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _windows(g: dict) -> list[tuple[str, str]]:
    return [(g["earliest"], g["latest"]), *[tuple(w) for w in g.get("alt", [])]]


def _assign(c: Candidate, gold: list[dict], evidence: dict[str, list[tuple[int, int]]]) -> dict | None:
    related = [g for g in gold if any(_overlaps(s, e) for s in _spans(c) for e in evidence[g["id"]])]
    if not related:
        return None
    holds = [g for g in related if any(e[0] <= c.date_span[0] < e[1] for e in evidence[g["id"]])]
    if holds:
        return holds[0]
    a, b = c.date.earliest.isoformat(), c.date.latest.isoformat()
    meets = [g for g in related if g["earliest"] and any(x <= b and a <= y for x, y in _windows(g))]
    return (meets or related)[0]


def score_article(txt: Path, total: Score) -> None:
    meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    source = read_article(txt)
    text = source.text
    gold: list[dict] = meta["gold"]
    evidence = {g["id"]: [span for q in g["evidence"] for span in _occurrences(text, q)] for g in gold}
    found: dict[str, list[Candidate]] = {g["id"]: [] for g in gold}
    candidates = find_candidates(source, builtin_actors())
    total.articles += 1
    total.candidates += len(candidates)
    for c in candidates:
        g = _assign(c, gold, evidence)
        if g is None:
            total.notes.append(f"{txt.stem}: NOT AN EVENT {c.date.window_text()} {c.title!r} "
                               f"(“{c.date.words}”)")
            continue
        total.belonging += 1
        if found[g["id"]]:
            total.duplicates += 1
            total.notes.append(f"{txt.stem}: DUPLICATE of {g['id']} {c.title!r} (“{c.date.words}”)")
        found[g["id"]].append(c)
    for g in gold:
        if g["earliest"] is None:
            continue
        hits = found[g["id"]]
        total.datable += 1
        total.dated += g["dated"]
        if not hits:
            total.notes.append(f"{txt.stem}: MISSED {g['id']} {g['what']!r} "
                               f"{'(dated)' if g['dated'] else '(inferable)'}")
            continue
        total.datable_found += 1
        total.dated_found += g["dated"]
        first = hits[0]
        got = (first.date.earliest.isoformat(), (first.end or first.date).latest.isoformat())
        total.windows_scored += 1
        if got in _windows(g):
            total.exact += 1
        else:
            total.notes.append(f"{txt.stem}: WINDOW {g['id']} got {got[0]}..{got[1]} "
                               f"(“{first.date.words}”), gold {g['earliest']}..{g['latest']}")
            gy = dt.date.fromisoformat(g["earliest"]).year
            if not any(x <= got[1] and got[0] <= y for x, y in _windows(g)) and \
                    first.date.earliest.year != gy and first.date.precision != "decade":
                total.wrong_year += 1
                total.notes.append(f"{txt.stem}: WRONG YEAR {g['id']}")
        same = first.status == g["status"] or {first.status, g["status"]} <= FUTURE
        total.status_ok += same
        if not same:
            total.notes.append(f"{txt.stem}: STATUS {g['id']} got {first.status}, gold {g['status']}")


def score_folder(folder: Path) -> Score:
    total = Score()
    for txt in sorted(folder.glob("*.txt")):
        score_article(txt, total)
    return total


def format_score(s: Score) -> str:
    return "\n".join([
        f"articles {s.articles}, candidates {s.candidates}, gold datable events {s.datable} "
        f"({s.dated} with date words in their sentence)",
        f"dated events found   {s.recall_dated:6.1%} ({s.dated_found}/{s.dated})",
        f"datable events found {s.recall_all:6.1%} ({s.datable_found}/{s.datable})",
        f"precision            {s.precision:6.1%} ({s.belonging}/{s.candidates})",
        f"duplicates           {s.duplicate_rate:6.1%} ({s.duplicates}/{s.candidates})",
        f"exact windows        {s.exact_rate:6.1%} ({s.exact}/{s.windows_scored})",
        f"wrong year           {s.wrong_year}",
        f"status agrees        {s.ratio('status_ok', 'windows_scored'):6.1%}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracker.article.score",
                                     description="Recall, precision, duplicates and exact windows "
                                                 "of article import on gold-labelled articles.")
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not any(args.folder.glob("*.json")):  # e.g. the default outside a source checkout
        print(f"cannot score {args.folder}: no gold-labelled articles (*.json) there",
              file=sys.stderr)
        return 2
    try:
        s = score_folder(args.folder)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot score {args.folder}: {exc}", file=sys.stderr)
        return 2
    print(format_score(s))
    if args.verbose:
        print("\n".join(s.notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
