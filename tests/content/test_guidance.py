"""resources/guidance.toml: every quote loads, is word for word in its source, and a broken
file is named with its line."""

from pathlib import Path

import pytest

from reflect.content.guidance import ContentError, load_guidance, rating_instructions

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED = SEEDS / "001_54e362bb44fa0f98.txt"
# Each quote is checked against the document its source names.
DOCUMENTS = {"Ofsted, Joining the dots": SEED,
             "Five attributes of effective leadership within the SFPC programme":
                 SEEDS / "003_6115cd821db4f535.txt"}
WORKBOOK_1 = "Five attributes of effective leadership within the SFPC programme, Workbook 1"


def test_every_shipped_quote_loads_with_its_source():
    quotes = load_guidance()
    assert set(quotes) >= {"escalation"}
    assert all(q.text and q.source for q in quotes.values())
    assert quotes["escalation"].source.endswith("para 117")


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is not beside the checkout")
def test_the_quotes_are_word_for_word_in_their_documents():
    for key, quote in load_guidance().items():
        (document,) = [path for name, path in DOCUMENTS.items() if quote.source.startswith(name)]
        assert quote.text in " ".join(document.read_text(encoding="utf-8").split()), key


def test_workbook_1s_rating_instructions_in_the_order_a_leader_needs_them():
    quotes = rating_instructions()
    assert [q.text.split(",")[0] for q in quotes] == [
        "In order to reflect on your leadership attributes",
        "You might find the process of reflecting on these questions informative and interesting",
        "Using this tool and reflecting on your answers with a coach or mentor can help you to "
        "gain perspective and think deeply on what your answers are telling you about strengths "
        "and potential areas for development.",
    ]
    assert all(q.source.startswith(f"{WORKBOOK_1}, Part 2: Developing leaders") for q in quotes)
    assert quotes[0].source.endswith("(Reflecting on your leadership attributes)")
    assert "Do not spend too long answering any one question." in quotes[0].text
    assert "confronting" in quotes[1].text


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is not beside the checkout")
def test_each_instruction_is_one_whole_bullet_or_paragraph_of_the_workbook():
    """One quote per bullet of the source, each exactly as printed and never cut short."""
    lines = {line.strip().removeprefix("- ")
             for line in DOCUMENTS[WORKBOOK_1.split(", Workbook")[0]].read_text(
                 encoding="utf-8").splitlines()}
    for quote in rating_instructions():
        assert quote.text in lines, quote.text


def test_a_quote_without_its_source_is_named_with_its_line(tmp_path):
    broken = tmp_path / "guidance.toml"
    broken.write_text('# a comment\n\n[escalation]\ntext = "Words."\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guidance(broken)
    assert str(caught.value) == "guidance.toml, line 3: [escalation] needs a non-empty 'source'"
