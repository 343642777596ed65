"""`tracker import-article`: prints candidates headless; stores only with --accept-all."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers import dump

from tracker.bundled import resources_dir
from tracker.cli import cli
from tracker.store import Store

ARTICLE = str(resources_dir() / "sources" / "ht-2019-01-19-trump-kim-second-summit.txt")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_prints_candidates_and_stores_nothing(db_path: Path):
    Store.open(db_path).close()
    store = Store.open(db_path)
    before = dump(store.conn)
    store.close()
    result = run("import-article", ARTICLE, "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "May 2018" in result.output and "20–28 Feb 2019" in result.output
    assert "nothing stored" in result.output
    store = Store.open(db_path)
    assert dump(store.conn) == before
    store.close()


def test_without_a_database_none_is_created(tmp_path: Path):
    result = run("import-article", ARTICLE, "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 0
    assert not (tmp_path / "new.db").exists()


def test_json_has_every_field_with_spans():
    result = run("import-article", ARTICLE, "--json", "--published", "2019-01-19")
    data = json.loads(result.output)
    text = Path(ARTICLE).read_text(encoding="utf-8")
    assert data["source"]["published_at"] == "2019-01-19"
    first = data["candidates"][0]
    assert set(first) >= {"span", "sentence", "date", "date_span", "title", "actors",
                          "new_actor_names", "location", "status", "type"}
    for c in data["candidates"]:
        assert text[c["span"][0]:c["span"][1]] == c["sentence"]
        if c["inferred_from"]:  # the words that tie the sentence to the event it hangs on
            assert c["date"]["words"] == f"inferred from “{c['inferred_from']}”"
            assert c["span"][0] <= c["date_span"][0] < c["date_span"][1] <= c["span"][1]
        else:
            assert text[c["date_span"][0]:c["date_span"][1]] == c["date"]["words"]
        assert [c["span"][0], c["span"][1]] in c["excerpts"]
    assert any(c["inferred_from"] == "Friday" for c in data["candidates"])  # the 18 January meeting


def test_accept_all_stores_the_source_once_and_every_candidate(empty_store: Store, db_path: Path):
    empty_store.close()
    result = run("import-article", ARTICLE, "--accept-all", "--json", "--db", str(db_path))
    data = json.loads(result.output)
    store = Store.open(db_path)
    # one event per happening: a candidate reporting what an earlier one made is a report
    ids = data["stored_event_ids"]
    assert len(ids) == len(data["candidates"]) and store.count_events() == len(set(ids))
    # The article names the second summit in several sentences: one candidate (issue 16)
    # that cites them all, so one event with several excerpts, not several events.
    assert len(set(ids)) == len(ids)
    assert any(len(store.get_event(i).excerpts) > 1 for i in ids)
    assert len(store.sources()) == 1
    store.close()
    run("import-article", ARTICLE, "--accept-all", "--db", str(db_path))
    store = Store.open(db_path)
    assert len(store.sources()) == 1  # the same text is not stored twice
    store.close()


def test_bad_inputs_end_with_a_message_not_a_traceback(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02garbage")
    undated = tmp_path / "undated.txt"
    undated.write_text("They met on Friday.", encoding="utf-8")
    for path, message in ((empty, "empty"), (binary, "binary"), (undated, "--published")):
        result = CliRunner().invoke(cli, ["import-article", str(path)])
        assert result.exit_code == 1 and message in result.output, result.output
    nodates = tmp_path / "nodates.txt"
    nodates.write_text("Talks continue. Nobody knows when they end.", encoding="utf-8")
    result = run("import-article", str(nodates), "--published", "2019-01-19")
    assert result.exit_code == 0 and "No dated events found" in result.output
    result = CliRunner().invoke(cli, ["import-article", str(nodates), "--published", "soon"])
    assert result.exit_code == 1 and "not a publication date" in result.output
