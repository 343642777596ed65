"""An HTML article imports on the command line (the installed command) and in the window:
on a fresh venv's pip the HTML cleaner trafilatura needs was once missing (lxml moved it to
lxml_html_clean) and every HTML import failed."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.store import Store

PAGE = """<!DOCTYPE html>
<html><head><title>Kim Yong Chol meets Trump at the White House</title>
<meta property="article:published_time" content="2019-01-19T08:33:00+05:30">
<meta name="author" content="Staff Writer"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Kim Yong Chol meets Trump at the White House</h1>
<p>North Korea's top negotiator Kim Yong Chol met President Donald Trump at the White
House on Friday for 90 minutes, carrying a letter from Kim Jong Un.</p>
<p>The White House said a second summit would be held near the end of February, at a
place to be announced later. The two leaders first met in Singapore in June last year.</p>
<p>Officials in Seoul welcomed the news and said preparations would begin next week.</p>
</article><footer>Copyright 2019 Example News. All rights reserved.</footer></body></html>
"""


def _page(tmp_path: Path) -> Path:
    path = tmp_path / "white-house.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_the_command_line_reads_an_html_article(run_tracker, tmp_path: Path):
    done = run_tracker("import-article", str(_page(tmp_path)), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["source"]["published_at"] == "2019-01-19"
    words = {c["date"]["words"] for c in data["candidates"]}
    assert "near the end of February" in words


def test_the_window_reads_an_html_article(qtbot, empty_store: Store, tmp_path: Path):
    from tracker.gui.main_window import MainWindow

    window = MainWindow(empty_store)
    qtbot.addWidget(window)
    window.show()
    panel = window.articles.import_path(_page(tmp_path))
    assert panel is not None and panel.isVisible()
    assert any(c.date.words == "near the end of February" for c in panel.candidates)
    panel.close()
    window.close()
