"""Scale benchmark: how the app behaves with 1k..1M events, against floors of the same run.

    python benchmarks/run.py [--sizes 1000,10000,100000,1000000] [--json OUT] [--cache DIR]

For each N it uses a database holding the bundled seed plus N generated events
(`tracker demo-data`, cached in --cache so re-runs are fast) and measures:

* start to first painted window: `tracker` in a subprocess (offscreen Qt on a 1920x1080
  screen, no saved settings) that prints and quits at its first paint
  (TRACKER_EXIT_AFTER_FIRST_PAINT), against the same for a bare PySide6 window with an
  empty matplotlib canvas of the same 1400x900 size (floor_window.py); both after one
  untimed start, from compiled bytecode as an installed app runs, alternating (the
  untimed start also leaves the first frame's glyphs in the cache folder, as any start
  does for the next);
* resident memory of that process at its first paint;
* the viewport query, a pan redraw and a zoom redraw at the whole range, one year and
  one week, each redraw against a bare matplotlib draw of as many markers as the view
  shows (measure.py, in a subprocess of its own);
* PNG export of the whole timeline against a bare savefig of the same size.

Timings are medians. Targets are printed as PASS/FAIL; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STARTS = 7  # start-up runs per N (medians; the machine is shared and noisy)
LEVELS = ("whole", "year", "week")


def _screen_config() -> str:
    """Qt's offscreen platform pretends an 800x800 screen: a 1400x900 window (the app's
    default size, and the floor's) would be fitted to it when the app restores its
    geometry, and the floor's oversized window costs it an extra ~35 ms. A 1920x1080
    screen holds both at the same size."""
    path = Path(tempfile.gettempdir()) / "tracker-bench-screen.json"
    path.write_text(json.dumps({"screens": [{
        "name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1.0}]}), encoding="utf-8")
    return f"offscreen:configfile={path}"


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": _screen_config(), "MPLBACKEND": "Agg"}
    # An installed app starts from compiled bytecode (pip compiles it). Where the shell
    # forbids writing .pyc files, every start would compile the whole package from
    # source (~0.2 s) while the floor's libraries start from their installed bytecode:
    # keep the bytecode of these runs in a cache of their own instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "tracker-bench-pycache")
    # Window geometry and the last selection live in QSettings: start from nothing
    # (startup() gives each start a folder of its own).
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="tracker-bench-config-")
    env.pop("TRACKER_DB", None)
    return env


def database(n: int, cache: Path) -> Path:
    """The seeded database plus n demo events, generated once per cache dir."""
    from tracker.store.migrations import SCHEMA_VERSION

    path = cache / f"events-{n}-seed1-schema{SCHEMA_VERSION}.db"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tracker", "demo-data", "--events", str(n),
                    "--db", str(partial), "--seed", "1"], check=True, env=_env(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"  generated {n:,} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    partial.rename(path)
    return path


def _time_to_line(cmd: list[str], marker: str, env: dict[str, str]) -> tuple[float, str]:
    """Seconds from spawning ``cmd`` until it prints a line starting with ``marker``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=env)
    assert proc.stdout is not None
    line = ""
    for line in proc.stdout:
        if line.startswith(marker):
            break
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    if not line.startswith(marker):
        raise RuntimeError(f"{cmd[:3]} never printed {marker!r}")
    return elapsed, line


def startup(db: Path) -> dict:
    # The glyphs a start keeps for the next (tracker.timeline.glyphstore) in a folder of
    # this run's: the untimed first start writes them, as on a machine that ran the app.
    env = {**_env(), "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="tracker-bench-cache-")}

    def start_app() -> tuple[float, str]:
        # A start from nothing: no saved geometry, view or selection (a start saves them).
        with tempfile.TemporaryDirectory(prefix="tracker-bench-config-") as config:
            return _time_to_line([sys.executable, "-m", "tracker", "--db", str(db)],
                                 "tracker-first-paint",
                                 {**env, "TRACKER_EXIT_AFTER_FIRST_PAINT": "1",
                                  "XDG_CONFIG_HOME": config})

    def start_floor() -> tuple[float, str]:
        return _time_to_line([sys.executable, str(HERE / "floor_window.py")],
                             "floor-first-paint", env)

    app, floor, rss = [], [], []
    # One untimed start of each first: bytecode written, files in the OS cache.
    start_app()
    start_floor()
    for _ in range(STARTS):  # alternating, so a busy spell of the machine hits both
        seconds, line = start_app()
        app.append(seconds * 1000)
        fields = dict(part.split("=") for part in line.split()[1:])
        rss.append(int(fields["rss_kb"]) / 1024)
        floor.append(start_floor()[0] * 1000)
    return {"start_ms": statistics.median(app), "start_floor_ms": statistics.median(floor),
            "rss_mb": statistics.median(rss)}


def in_process(db: Path) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "measure.py"), "--db", str(db)],
                         check=True, capture_output=True, text=True, env=_env())
    return json.loads(out.stdout.strip().splitlines()[-1])


def rows_for(n: int, r: dict) -> list[tuple[str, float, float | None, str, bool | None]]:
    """(metric, value, floor, target text, passed) rows for one N."""
    big = n >= 1_000_000
    rows: list[tuple[str, float, float | None, str, bool | None]] = []
    ratio = r["start_ms"] / r["start_floor_ms"]
    rows.append(("start to painted window (ms)", r["start_ms"], r["start_floor_ms"],
                 "≤ 1.5× floor at 1M", ratio <= 1.5 if big else None))
    rows.append(("resident memory after open (MB)", r["rss_mb"], None, "≤ 400 MB at 1M",
                 r["rss_mb"] <= 400 if big else None))
    for level in LEVELS:
        lv = r["levels"][level]
        rows.append((f"viewport query, {level} (ms)", lv["query_ms"], None, "≤ 20 ms at 1M",
                     lv["query_ms"] <= 20 if big else None))
    for kind in ("pan", "zoom"):
        for level in LEVELS:
            lv = r["levels"][level]
            value, floor = lv[f"{kind}_ms"], lv["floor_ms"]
            rows.append((f"{kind} redraw, {level} (ms)", value, floor, "≤ 50 ms and ≤ 2× floor",
                         value <= 50 and value <= 2 * floor))
    rows.append(("PNG export, whole range (ms)", r["export_ms"], r["export_floor_ms"], "—", None))
    return rows


def markdown(results: dict[int, dict]) -> str:
    lines = ["| N | measure | value | floor | ratio | target | result |",
             "|---:|---|---:|---:|---:|---|---|"]
    for n, r in results.items():
        for metric, value, floor, target, passed in rows_for(n, r):
            ratio = f"{value / floor:.2f}×" if floor else ""
            verdict = "" if passed is None else ("PASS" if passed else "FAIL")
            lines.append(f"| {n:,} | {metric} | {value:.1f} | "
                         f"{'' if floor is None else f'{floor:.1f}'} | {ratio} | {target} | "
                         f"{verdict} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--json", type=Path, help="Write the raw results here.")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "tracker-bench")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    results: dict[int, dict] = {}
    for n in sizes:
        print(f"N = {n:,}", file=sys.stderr)
        db = database(n, args.cache)
        results[n] = {**startup(db), **in_process(db)}
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps({str(n): r for n, r in results.items()}, indent=2))


if __name__ == "__main__":
    main()
