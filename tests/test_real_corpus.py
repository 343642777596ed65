"""Real files other tools wrote (tests/data/real, PROVENANCE.tsv says where each came
from) against counts made from their raw text without the importers (EXPECTED.tsv, by
count_records.py). Every event of every file must come in, or be rejected for one of the
reasons the tracker cannot help — and the number of files that come in whole is the one
the README reports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tracker.io import DataFileError, import_data
from tracker.store import Store

REAL = Path(__file__).parent / "data" / "real"
WHOLE = 128  # files that come in whole; the README says the same (Data files → corpus)
# The only reasons an event of a real file may be rejected.
CANNOT = (
    "DTSTART: is missing",  # icalendar's property fixtures: events with no date at all
    "DTSTART: 'INVALID-DATE' is not a date or time",  # deliberately broken test files
    "before the year 1",  # BC dates, cosmology
    "is not between 1 and 9999",  # a year of 196002152034 in TimelineJS's own example
    "I don't know the word 'before'",  # "Before 220": open-ended, no window to store
)
REFUSED = {"csv/tljs-parser_test.csv": "cannot tell which column holds a date"}  # no dates


def _table(name: str) -> list[dict[str, str]]:
    with (REAL / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_every_file_has_its_provenance_and_an_expected_count():
    files = {str(p.relative_to(REAL)) for p in REAL.rglob("*")
             if p.suffix in (".ics", ".json", ".csv")}
    provenance = {r["file"]: r for r in _table("PROVENANCE.tsv")}
    assert files == set(provenance) == {r["file"] for r in _table("EXPECTED.tsv")}
    assert all(len(r["commit"]) == 40 and r["repository"] and r["path"]
               for r in provenance.values())
    assert sum(p.stat().st_size for p in REAL.rglob("*")) < 3 * 2**20


@pytest.mark.slow  # imports all 171 files of the corpus
def test_the_corpus_comes_in_whole_or_for_a_stated_reason(tmp_path: Path):
    whole, problems = 0, []
    for i, row in enumerate(_table("EXPECTED.tsv")):
        name, expected = row["file"], int(row["events"])
        store = Store.open(tmp_path / f"{i}.db")
        try:
            report = import_data(store, REAL / name, on_error="skip")
        except DataFileError as exc:
            if REFUSED.get(name, "\0") not in str(exc):
                problems.append(f"{name}: refused: {exc}")
            continue
        finally:
            store.close()
        odd = [str(r) for r in report.rejected if not any(c in r.message or c in str(r)
                                                          for c in CANNOT)]
        if report.added + len(report.rejected) != expected or report.present or odd:
            problems.append(f"{name}: {report.added} added + {len(report.rejected)} rejected "
                            f"of {expected}; {odd[:2]}")
        whole += report.added == expected and not report.rejected
    assert not problems, "\n".join(problems)
    assert whole == WHOLE
