"""Page furniture is dropped before candidates are made (sentences written for these tests)."""

from __future__ import annotations

from tracker.article.candidates import find_candidates
from tracker.article.furniture import furniture_lines
from tracker.model.entities import Source


def _furniture(text: str) -> list[str]:
    return [text[a:b] for a, b in furniture_lines(text)]


def test_datelines_stamps_and_bylines_with_times_are_furniture():
    text = ("March 3, 2021\n"
            "Last updated 4 Mar, 2021 09:15am\n"
            "Posted by : Desk | March 4, 2021 | 17:40 GMT\n"
            "By Jane Roe, March 3, 2021\n"
            "5 March 2021, Friday, 08:02\n"
            "Envoys met in Oslo on Tuesday to discuss the truce.\n")
    assert _furniture(text) == text.splitlines()[:5]


def test_a_short_headline_with_a_date_is_not_furniture():
    text = "Talks resume Monday\nOslo hosts envoys on 4 March 2021\n"
    assert _furniture(text) == []


def test_captions_copyright_and_prompts_are_furniture():
    text = ("The envoy arrives in Oslo. Photograph: A. Person/Agency\n"
            "© 2021 Example News. All rights reserved.\n"
            "You have read 3 of your 5 free articles this month.\n"
            "The envoy met the minister on Monday.\n")
    assert _furniture(text) == text.splitlines()[:3]


def test_a_sidebar_of_headlines_is_furniture_until_prose_returns():
    text = ("The ministers met on Monday in Oslo.\n"
            "Read more\n"
            "- Truce talks to restart in June\n"
            "Envoy visits Kyiv next week\n"
            "The ministers agreed to meet again, a spokesman said on Tuesday.\n")
    assert _furniture(text) == text.splitlines()[1:4]


def test_furniture_gives_no_candidates():
    text = ("June 2, 2021 10:05\n"
            "The foreign ministers met in Vienna on Tuesday.\n"
            "Related\n"
            "- Ministers to meet again in July\n")
    source = Source(None, "u", "t", text, published_at="2021-06-02")
    got = find_candidates(source, [])
    assert [c.date.words for c in got] == ["on Tuesday"]


def test_a_table_layout_page_without_article_gives_only_the_storys_events(tmp_path):
    from tracker.article.extract import read_article

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Envoys meet in Oslo</title><meta name='date' content='2021-03-10'>"
        "</head><body><table><tr><td class='sidebar'><p><b>Related</b></p>"
        "<p>Ministers to meet again in July</p><p>Truce talks resume on 4 May</p>"
        "<p>March 9, 2021 10:04</p></td><td class='main'><h1>Envoys meet in Oslo</h1>"
        "<p>By Jane Roe, March 10, 2021 08:15</p>"
        "<p>Norwegian and Icelandic envoys met in Oslo on Tuesday to discuss fishing quotas, "
        "officials said.</p><p>The envoys first met in Reykjavik last July.</p></td></tr></table>"
        "<p>© 2021 Example News. All rights reserved. Updated March 10, 2021.</p></body></html>",
        encoding="utf-8")
    got = find_candidates(read_article(page), [])
    assert [c.date.words for c in got] == ["on Tuesday", "last July"]
