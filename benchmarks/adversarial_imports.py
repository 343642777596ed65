"""Time the import files an adversarial test found slow (quadratic) or huge, each against
a fresh database: `python benchmarks/adversarial_imports.py [--scale 1]`.

Each line prints the file, its size, the seconds the import took and its outcome. The
targets (issue 14): time linear in the file (a few seconds at most for these sizes on a
loaded 2-core machine), and refusals by shape before any parsing.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from tracker.io import DataFileError, import_data
from tracker.store import Store


def _files(scale: int) -> dict[str, str]:
    n = 20_000 * scale
    return {
        "headline-lt.timelinejs.json": json.dumps({"events": [{
            "start_date": {"year": 2019}, "text": {"headline": "<" * 200_000 * scale}}]}),
        "unclosed-parts.timelinejs.json": json.dumps({"events": [{
            "start_date": {"year": 2019}, "text": {"headline": "T", "text":
                                                   '<p class="tracker-x">' * 10_000 * scale}}]}),
        "excerpt-cell.csv": "title,date_text,excerpts\r\nT,27 Feb 2019,\"" +
                            '""x"" [' * 20_000 * scale + "\"\r\n",
        "same-day.csv": "title,date_text\r\n" + "".join(f"Meeting {i},27 Feb 2019\r\n"
                                                        for i in range(n)),
        "empty-events.json": '{"format": "diplomacy-timeline-tracker", "version": 1, "events": ['
                             + "{}," * 1_500_000 * scale + "{}]}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in _files(args.scale).items():
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            store = Store.open(Path(tmp) / f"{name}.db", seed=False)
            start = time.perf_counter()
            try:
                outcome = import_data(store, path, on_error="skip").summary()
            except DataFileError as exc:
                outcome = f"refused: {exc}"
            took = time.perf_counter() - start
            store.close()
            print(f"{name:32} {path.stat().st_size / 2**20:7.1f} MB {took:7.2f} s  "
                  f"{outcome[:90]}")


if __name__ == "__main__":
    main()
