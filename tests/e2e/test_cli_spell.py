"""``reflect spell`` as a script uses it: British English, suggestions, exit 12 when misspelt."""

from tests.e2e.conftest import run


def test_misspelt_words_are_listed_with_suggestions_and_british_ones_pass(journal_dir):
    result = run(journal_dir, "spell", "We recieve the colour chart.\nWe organise teh programme")
    assert result.returncode == 12, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("recieve (line 1, column 4): try receive")
    assert lines[1].startswith("teh (line 2, column 13): try ")
    assert len(lines) == 2  # colour, organise and programme are British English
    assert not journal_dir.exists()  # no journal is opened or made


def test_text_from_stdin_all_correct_exits_zero(journal_dir):
    result = run(journal_dir, "spell", "--no-suggestions", stdin="Safeguarding behaviour.\n")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
