"""Scoring an imported story against tests/data/story/gold.json (see its README).

Shared by tests/test_story.py and `python tests/story_eval.py DB` (which prints the
figures quoted in the README)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tracker.store import Store
from tracker.store.reports import knowledge

STORY = Path(__file__).resolve().parent / "data" / "story"
FILES = sorted(STORY.glob("0*.txt"))


@dataclass
class StoryScore:
    merged: int = 0
    merge_pairs: int = 0
    kept_apart: int = 0
    apart_pairs: int = 0
    as_of_right: int = 0
    as_of_checks: int = 0
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"must merge: {self.merged}/{self.merge_pairs}",
                f"must stay apart: {self.kept_apart}/{self.apart_pairs}",
                f"as known on: {self.as_of_right}/{self.as_of_checks}"]


def _locate(store: Store, ref: dict) -> int | None:
    """The event a gold reference names: a seed uid, or the report the file's date words
    made (the words where they occur in the article's body, after its headline)."""
    if "seed" in ref:
        row = store.conn.execute("SELECT id FROM events WHERE uid = ?", (ref["seed"],)).fetchone()
        return row[0] if row else None
    path = STORY / f"{ref['file']}.txt"
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    row = store.conn.execute("SELECT id, text FROM sources WHERE title = ?",
                             (meta["title"],)).fetchone()
    if row is None:
        return None
    source_id, text = row
    body = text.index("\n\n")
    pos = text.index(ref["words"], body)
    end = pos + len(ref["words"])
    for event_id, a, b, words in store.conn.execute(
            """SELECT event_id, char_start, char_end, coalesce(report_words, '') FROM excerpts
               WHERE source_id = ? AND char_start <= ? AND char_end >= ? ORDER BY id""",
            (source_id, pos, end)):
        for said in words.split("; "):
            at = text.find(said, a, b) if said else -1
            while at >= 0:
                if at < end and pos < at + len(said):
                    return event_id
                at = text.find(said, at + 1, b)
    return None


def score_story(store: Store) -> StoryScore:
    gold = json.loads((STORY / "gold.json").read_text(encoding="utf-8"))
    s = StoryScore()
    for a, b in gold["must_merge"]:
        s.merge_pairs += 1
        x, y = _locate(store, a), _locate(store, b)
        if x is not None and x == y:
            s.merged += 1
        else:
            s.failures.append(f"not merged: {a} (event {x}) and {b} (event {y})")
    for a, b in gold["must_not_merge"]:
        s.apart_pairs += 1
        x, y = _locate(store, a), _locate(store, b)
        if x is None or x != y:
            s.kept_apart += 1
        else:
            s.failures.append(f"merged: {a} and {b} (event {x})")
    for check in gold["as_of"]:
        s.as_of_checks += 1
        event_id = _locate(store, check["event"])
        day = dt.date.fromisoformat(check["date"])
        k = knowledge(store, event_id, day) if event_id is not None else None
        if k is None:
            got = "unknown"
        else:
            got = (f"{k.start.earliest}..{max(k.start.latest, (k.end or k.start).latest)} "
                   f"{k.status} disputed={k.disputed} at {k.location!r}")
        if not check["known"]:
            ok = k is None
        else:
            ok = (k is not None
                  and [k.start.earliest.isoformat(),
                       max(k.start.latest, (k.end or k.start).latest).isoformat()] == check["window"]
                  and k.status == check["status"] and k.disputed == check["disputed"]
                  and check.get("location_has", "") in k.location)
        if ok:
            s.as_of_right += 1
        else:
            s.failures.append(f"as of {day}: {check['event']} expected {check}, got {got}")
    return s


if __name__ == "__main__":
    st = Store.open(sys.argv[1], seed=False)
    result = score_story(st)
    print("\n".join(result.lines() + result.failures))
    st.close()
