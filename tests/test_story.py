"""The story corpus (tests/data/story): six reports of the Hanoi summit imported in one
`tracker import-article FILE… --accept-all`, scored against gold written beforehand.

Measured when written (this branch's candidate extraction, 3 Dec 2026): 9/12 pairs that
must merge did, 9/9 that must stay apart did, 8/12 "as known on" checks right. Every
miss traced back to a candidate, not to the matcher or the as-of rules: a headline
read as its own event, "last June" dated 2019, "No agreement was reached" typing the
summit's last report an agreement, Hanoi not found as the place, "would take place"
read as announced rather than planned (the README lists them). The floors below are
those figures; all pairs that must stay apart must stay apart.
"""

from __future__ import annotations

from pathlib import Path

from story_eval import FILES, score_story

from tracker.store import Store


def test_the_story_imports_into_one_event_per_happening(run_tracker, tmp_path: Path):
    db = tmp_path / "story.db"
    assert run_tracker("seed", "--db", str(db)).returncode == 0  # the gold names seed events
    shuffled = [str(f) for f in reversed(FILES)]  # the command puts them in publication order
    result = run_tracker("import-article", *shuffled, "--accept-all", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.index("could come in March") < result.stdout.index("ends without")
    assert "added as a report of" in result.stdout
    store = Store.open(db)
    try:
        score = score_story(store)
    finally:
        store.close()
    detail = "\n".join(score.lines() + score.failures)
    assert score.kept_apart == score.apart_pairs, detail
    # Floors at what was measured (11 of 12 and 9 of 12): every miss is the reader's (see
    # the README), none the matcher's.
    assert score.merged >= 11, detail
    assert score.as_of_right >= 9, detail


def test_an_unreadable_file_stops_the_batch_before_anything_is_stored(run_tracker, tmp_path: Path):
    db = tmp_path / "story.db"
    assert run_tracker("seed", "--db", str(db)).returncode == 0
    bad = tmp_path / "undated.txt"
    bad.write_text("They met on Friday.", encoding="utf-8")
    result = run_tracker("import-article", str(FILES[0]), str(bad), "--accept-all", "--db", str(db))
    assert result.returncode != 0
    assert "undated.txt" in result.stderr and "Traceback" not in result.stderr
    assert Store.open(db).count_events() == 8  # the seed only


def test_published_fills_in_only_for_files_without_a_date(run_tracker, tmp_path: Path):
    db = tmp_path / "story.db"
    plain = tmp_path / "plain.txt"
    plain.write_text("Trump and Kim met in Hanoi on Wednesday.\n\nThey met on Wednesday.",
                     encoding="utf-8")
    result = run_tracker("import-article", str(plain), str(FILES[0]), "--published", "2019-02-28",
                         "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    import json

    docs = json.loads(result.stdout)
    assert [d["source"]["published_at"][:10] for d in docs] == ["2019-01-17", "2019-02-28"]


def test_a_folder_stands_for_its_articles(run_tracker, tmp_path: Path):
    db = tmp_path / "story.db"
    result = run_tracker("import-article", str(FILES[0].parent), "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    import json

    docs = json.loads(result.stdout)
    assert len(docs) == len(FILES)  # gold.json and the sidecars are not articles
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_tracker("import-article", str(empty), "--db", str(db))
    assert result.returncode != 0 and "holds no .txt or .html" in result.stderr
