"""Article import on the held-out real articles: tests/data/articles.

Twenty public pages (AP, Reuters and PTI wire copy, newspapers and news sites from the
US, Ireland, Spain, India, Pakistan, the Philippines, Korea, Belarus and Turkey, and
press releases of the Turkish and Japanese foreign ministries and the Indian prime
minister's office), each with the gold events a careful reader lists, written by hand
before the importer was run on them (see each .json's provenance). No rule was fitted
to one of its sentences (every rule has sentences of its own in the unit tests), but the
rules of issue #16 were chosen by looking at what it missed, so its scores flatter the
importer: the first run (README) is the measure of unseen text. Fixing rules until this
set passes would make it a training set; add fresh articles instead.

The thresholds are the issue's targets. `python -m tracker.article.score -v` lists
every miss.
"""

from __future__ import annotations

import json
from pathlib import Path

from tracker.article.score import score_folder

# Beside this file, not beside the installed package (CI installs it into a venv).
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def test_the_held_out_set_is_real_and_large_enough():
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.json"))]
    assert len(metas) >= 15
    assert all(m["url"].startswith("http") and m["published_at"] and m["gold"] for m in metas)
    assert len({m["outlet"] for m in metas}) >= 15


def test_article_import_meets_the_targets_on_real_articles():
    s = score_folder(ARTICLES)
    detail = "\n".join(s.notes)
    assert s.recall_dated >= 0.90, detail
    assert s.precision >= 0.95, detail
    assert s.duplicate_rate <= 0.05, detail
    assert s.exact_rate >= 0.90, detail
    assert s.wrong_year == 0, detail
