"""resources/guidance.toml: every quote loads, is word for word in its source, and a broken
file is named with its line."""

from pathlib import Path

import pytest

from reflect.content.guidance import ContentError, load_guidance

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "001_54e362bb44fa0f98.txt"


def test_every_shipped_quote_loads_with_its_source():
    quotes = load_guidance()
    assert set(quotes) >= {"escalation"}
    assert all(q.text and q.source for q in quotes.values())
    assert quotes["escalation"].source.endswith("para 117")


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is not beside the checkout")
def test_the_quotes_are_word_for_word_in_the_report():
    report = " ".join(SEED.read_text(encoding="utf-8").split())
    for quote in load_guidance().values():
        assert quote.text in report


def test_a_quote_without_its_source_is_named_with_its_line(tmp_path):
    broken = tmp_path / "guidance.toml"
    broken.write_text('# a comment\n\n[escalation]\ntext = "Words."\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guidance(broken)
    assert str(caught.value) == "guidance.toml, line 3: [escalation] needs a non-empty 'source'"
