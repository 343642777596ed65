"""`tracker export` through the installed command: real files of the requested size."""

import datetime as dt
import struct
from pathlib import Path

import pytest


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_png_of_the_requested_size(run_tracker, tmp_path: Path, seeded_db: Path):
    out = tmp_path / "timeline.png"
    result = run_tracker("export", str(out), "--db", str(seeded_db), "--width", "1200",
                         "--height", "500", "--title", "Trump–Kim diplomacy")
    assert result.returncode == 0, result.stderr
    assert _png_size(out) == (1200, 500)
    assert "8 events" in result.stdout


def test_svg_keeps_titles_as_text_and_respects_the_range(run_tracker, tmp_path: Path, seeded_db: Path):
    out = tmp_path / "jan.svg"
    result = run_tracker("export", str(out), "--db", str(seeded_db), "--from", "2019-01",
                         "--to", "2019-03", "--title", "January 2019")
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    # as text, on one line or wrapped to two
    words = ("US", "missile", "defense", "review", "unveiled")
    assert all(f">{w}" in svg or f" {w}" in svg for w in words)
    assert "January 2019" in svg and "Hindustan Times" in svg
    assert "Singapore summit" not in svg  # June 2018 lies outside the range


def test_pdf_at_print_resolution(run_tracker, tmp_path: Path, seeded_db: Path):
    out = tmp_path / "print.pdf"
    result = run_tracker("export", str(out), "--db", str(seeded_db), "--width", "3000",
                         "--height", "1500", "--dpi", "300")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:5] == b"%PDF-"


@pytest.mark.slow  # starts `tracker export` once per bad argument
def test_bad_arguments_are_refused_without_writing(run_tracker, tmp_path: Path, seeded_db: Path):
    db = str(seeded_db)
    bad_suffix = run_tracker("export", str(tmp_path / "x.bmp"), "--db", db)
    assert bad_suffix.returncode == 2 and ".png, .svg, .pdf" in bad_suffix.stderr
    assert "Cannot write .bmp" in bad_suffix.stderr
    bad_date = run_tracker("export", str(tmp_path / "x.png"), "--db", db, "--from", "Febtober")
    assert bad_date.returncode == 2 and "'Febtober' is not a date" in bad_date.stderr
    backwards = run_tracker("export", str(tmp_path / "x.png"), "--db", db, "--from", "2019",
                            "--to", "2018")
    assert backwards.returncode == 2 and "end of the range is before its start" in backwards.stderr
    bad_view = run_tracker("export", str(tmp_path / "x.png"), "--db", db, "--view", "2019")
    assert bad_view.returncode == 2 and "use all or FROM..TO" in bad_view.stderr
    tiny = run_tracker("export", str(tmp_path / "x.png"), "--db", db, "--width", "5")
    assert tiny.returncode == 2 and "between 100 and 20000 pixels" in tiny.stderr
    missing_dir = run_tracker("export", str(tmp_path / "nope" / "x.png"), "--db", db)
    assert missing_dir.returncode == 1 and "Cannot write" in missing_dir.stderr
    assert not list(tmp_path.glob("x.*"))
    for r in (bad_suffix, bad_date, backwards, missing_dir, bad_view, tiny):
        assert "Traceback" not in r.stderr


def test_view_range_and_print_size_in_inches(run_tracker, tmp_path: Path, seeded_db: Path):
    out = tmp_path / "print.png"
    result = run_tracker("export", str(out), "--db", str(seeded_db), "--view",
                         "2019-01..2019-02", "--inches", "4x2", "--no-legend")
    assert result.returncode == 0, result.stderr
    assert _png_size(out) == (1200, 600)  # 4x2 inches at the default 300 dpi for print
    assert "5 events" in result.stdout  # Jan 17 – Feb 28 2019, without June 2018


def test_a_range_after_the_last_event_is_explained(run_tracker, tmp_path: Path, seeded_db: Path):
    result = run_tracker("export", str(tmp_path / "x.png"), "--db", str(seeded_db),
                         "--from", "2030")
    assert result.returncode == 1 and "no events in that range" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.png").exists()


def test_height_auto_makes_the_image_as_tall_as_its_content(run_tracker, tmp_path: Path,
                                                             seeded_db: Path):
    db = str(seeded_db)
    out = tmp_path / "auto.png"
    result = run_tracker("export", str(out), "--db", db, "--height", "auto")
    assert result.returncode == 0, result.stderr
    width, height = _png_size(out)
    assert width == 1600 and 240 <= height < 900  # the sample's events need less than 16:9
    assert f"1600×{height} px" in result.stdout
    refused = run_tracker("export", str(tmp_path / "x.png"), "--db", db, "--height", "tall")
    assert refused.returncode == 2 and "neither a number of pixels nor auto" in refused.stderr
    assert not (tmp_path / "x.png").exists()


def test_height_auto_keeps_the_text_size_it_measured_and_stays_small_when_empty(
        seeded_db: Path, tmp_path: Path, monkeypatch):
    import tracker.image_export as image_export
    from tracker.store import Store

    sizes: list[float | None] = []
    real = image_export.draw_export

    def spy(data, **options):
        sizes.append(options.get("font_size"))
        return real(data, **options)

    monkeypatch.setattr(image_export, "draw_export", spy)
    monkeypatch.setattr("tracker.timeline.export.draw_export", spy)
    store = Store.open(seeded_db)
    try:
        req = image_export.ImageRequest(tmp_path / "a.png", height_px=None)
        image_export.export_timeline_image(store, req)
        assert len(sizes) == 2 and sizes[0] == sizes[1] is not None  # measured = drawn
        empty = image_export.ImageRequest(tmp_path / "e.png", dt.date(2019, 1, 1),
                                          dt.date(2019, 1, 3), height_px=None)
        image_export.export_timeline_image(store, empty)
        assert empty.height_px <= 400  # no events in that range: not a 4,000 px page
    finally:
        store.close()
