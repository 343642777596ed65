"""Write EXPECTED.tsv: how many events each corpus file holds, counted from the raw text
without the tracker's importers (so the import test compares against an independent
count). Run once when files are added: python tests/data/real/count_records.py

- iCalendar: VEVENT blocks, minus edited occurrences (RECURRENCE-ID) of a series that is
  in the same file (the series is stored once; an occurrence whose series is not in the
  file is an event of its own).
- TimelineJS JSON: v3 "events" (+ "eras" are periods, not counted); v2 "timeline.date";
  an early v3 shape, "timeline.slides".
- CSV: non-empty data rows, minus TimelineJS "title" and "era" rows.
"""

import csv
import io
import json
import re
from pathlib import Path

HERE = Path(__file__).parent


def ics(text: str) -> int:
    blocks = re.findall(r"^BEGIN:VEVENT\s*$(.*?)^END:VEVENT\s*$", text, re.M | re.S)

    def uid(block: str) -> str:
        m = re.search(r"^UID:(.*)$", block, re.M)
        return m[1].strip() if m else ""

    edited = [b for b in blocks if re.search(r"^RECURRENCE-ID[;:]", b, re.M)]
    series = {uid(b) for b in blocks if b not in edited}
    return sum(1 for b in blocks if b not in edited or uid(b) not in series)


def tljs(text: str) -> int:
    doc = json.loads(text)
    if isinstance(doc.get("timeline"), dict):  # v2 "date", an early v3 "slides"/"events"
        inner = doc["timeline"]
        return len(inner.get("date") or inner.get("slides") or inner.get("events") or [])
    return len(doc.get("events") or [])


def table(text: str) -> int:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    head = [h.strip().casefold() for h in rows[0]]
    kind = head.index("type") if "type" in head and "headline" in head else None
    return sum(1 for r in rows[1:] if any(c.strip() for c in r)
               and not (kind is not None and r[kind].strip().casefold() in ("title", "era")))


def main() -> None:
    lines = ["file\tevents"]
    for path in sorted(HERE.rglob("*")):
        if path.suffix not in (".ics", ".json", ".csv"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        count = {".ics": ics, ".json": tljs, ".csv": table}[path.suffix](text)
        lines.append(f"{path.relative_to(HERE)}\t{count}")
    (HERE / "EXPECTED.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
