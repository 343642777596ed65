"""Bringing an article in: every bad input gets a message, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.article.extract import (
    MAX_BYTES,
    ArticleError,
    read_article,
    source_from_html,
    source_from_text,
)
from tracker.bundled import resources_dir

ARTICLE = "ht-2019-01-19-trump-kim-second-summit.txt"

PAGE = """<!DOCTYPE html><html><head><title>Leaders meet in Hanoi</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2019-02-28T10:00:00+07:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>Leaders meet in Hanoi</h1>
<p>President Donald Trump met Kim Jong Un in Hanoi on Wednesday, the White House said.</p>
<p>The two leaders will meet again next month, officials said after the dinner.</p></article>
<footer>Copyright 2019</footer></body></html>"""


def test_the_bundled_text_reads_with_its_sidecar_metadata():
    source = read_article(resources_dir() / "sources" / ARTICLE)
    assert source.published_at == "2019-01-19T08:33:00+05:30"
    assert source.title.startswith("Donald Trump, North Korean leader")
    assert source.text.startswith("Donald Trump")


def test_html_gives_main_text_and_metadata_without_the_navigation(tmp_path: Path):
    page = tmp_path / "hanoi.html"
    page.write_text(PAGE, encoding="utf-8")
    source = read_article(page)
    assert (source.title, source.author, source.published_at) == (
        "Leaders meet in Hanoi", "Jane Roe", "2019-02-28")
    assert "met Kim Jong Un in Hanoi on Wednesday" in source.text
    assert "Home | World" not in source.text and "Copyright" not in source.text
    assert read_article(page, "2019-03-01").published_at == "2019-03-01"  # the user overrides


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Réunion à Genève le 3 mai".encode("latin-1"), "not UTF-8"),
    ("utf16.txt", "Talks".encode("utf-16"), "UTF-16"),
    ("nav.html", b"<html><body><nav>Home</nav><div></div></body></html>", "without an article"),
    ("undated.txt", b"The leaders met on Friday.", "publication date"),
])
def test_bad_files_are_refused_with_a_clear_message(tmp_path: Path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=message):
        read_article(path)


def test_over_5_mb_and_missing_files_are_refused(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(ArticleError, match="at most 5 MB"):
        read_article(big)
    with pytest.raises(ArticleError, match="no file"):
        read_article(tmp_path / "nothing.txt")


def test_pasted_text_needs_a_publication_date():
    with pytest.raises(ArticleError, match="publication date"):
        source_from_text("The leaders met on Friday.", "")
    with pytest.raises(ArticleError, match="not a publication date"):
        source_from_text("The leaders met on Friday.", "19/01/2019")
    source = source_from_text("Summit news\r\nThe leaders met on Friday.", "2019-01-19 08:33")
    assert source.text == "Summit news\nThe leaders met on Friday."
    assert (source.title, source.published_at) == ("Summit news", "2019-01-19T08:33:00")
    assert source.uid == source_from_text(source.text, "2019-01-19").uid  # content-derived


def test_html_without_a_date_asks_for_one():
    page = PAGE.replace('<meta property="article:published_time" '
                        'content="2019-02-28T10:00:00+07:00">', "")
    page = page.replace("Copyright 2019", "")
    with pytest.raises(ArticleError, match="publication"):
        source_from_html(page.encode())
