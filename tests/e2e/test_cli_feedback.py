"""``reflect feedback`` as a leader runs it: open a round, write its forms, a rater fills one
in (pypdf writing the fields, as a reader does), the form is imported, twice, and the rounds
table counts it once; refusals are one sentence with their exit code."""

from __future__ import annotations

from pathlib import Path

from reflect.feedback import form_fields as ff
from tests.e2e.conftest import assert_clean_error, run
from tests.feedback.conftest import fill_form


def _rows(stdout: str) -> list[list[str]]:
    return [line.split("  ") for line in stdout.splitlines()]


def test_a_round_from_the_forms_to_the_returns_counted_once(journal_dir, cheap_journal,
                                                            tmp_path):
    opened = run(journal_dir, "feedback", "round", "new", "Autumn 360", "--invite", "peer=2",
                 "--invite", "team member=1", "--date", "2026-11-03")
    assert opened.returncode == 0, opened.stderr
    assert "Opened the round “Autumn 360” on 2026-11-03: 3 forms (peer 2, team member 1)." \
        in opened.stderr
    out = tmp_path / "forms"
    out.mkdir()
    written = run(journal_dir, "feedback", "form", "--round", "autumn 360", "--output", str(out))
    assert written.returncode == 0, written.stderr
    files = [Path(line) for line in written.stdout.splitlines()]
    assert [f.name for f in files] == [f"Autumn 360 - form 0{i} of 3.pdf" for i in (1, 2, 3)]
    assert "Wrote 3 fillable forms of “Autumn 360”" in written.stderr

    returned = tmp_path / "from a peer.pdf"
    returned.write_bytes(fill_form(files[0].read_bytes(), {
        ff.GROUP_FIELD: "/peer", ff.score_field("values_driven"): "/4",
        ff.score_field("partnerships"): "/not_observed"}))
    first = run(journal_dir, "feedback", "import", str(returned))
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"imported: {returned} — Autumn 360, peer, 2 ratings\n"
    again = run(journal_dir, "feedback", "import", str(returned), str(files[1]))
    assert again.returncode == 10, again.stderr
    lines = again.stdout.splitlines()
    assert lines[0].startswith(f"skipped: {returned} — This form was imported on ")
    assert lines[0].endswith(", so it was not counted again.")
    assert lines[1] == (f"skipped: {files[1]} — It is blank: nothing was answered on it, so "
                        "there was nothing to import.")
    assert again.stderr == "reflect: imported 0 of 2 files; 2 skipped (the reasons are above).\n"

    table = run(journal_dir, "feedback", "rounds")
    assert table.returncode == 0, table.stderr
    header, row = ([c.strip() for c in r if c.strip()] for r in _rows(table.stdout))
    assert header == ["round", "opened", "closed", "returned", "peer", "team member"]
    assert row == ["Autumn 360", "2026-11-03", "-", "1 of 3", "1 of 2", "0 of 1"]

    rated = run(journal_dir, "rate", "--as", "other", "--rater", "peer", "values_driven=3")
    assert rated.returncode == 0, rated.stderr  # typed in by hand: no round, as before
    assert "others 3.5 (n=2)" in rated.stdout


def test_one_form_to_a_file_and_all_on_paper(journal_dir, cheap_journal, tmp_path):
    run(journal_dir, "feedback", "round", "new", "Spring", "--invite", "others=2")
    one = run(journal_dir, "feedback", "form", "--round", "Spring", "--output",
              str(tmp_path / "for Jo.pdf"), "--name", "Sam Okafor")
    assert one.returncode == 0, one.stderr
    assert (tmp_path / "for Jo.pdf").is_file()
    paper = run(journal_dir, "feedback", "form", "--round", "Spring", "--output",
                str(tmp_path), "--paper")
    assert paper.returncode == 0, paper.stderr
    assert (tmp_path / "Spring - 2 forms to print.pdf").is_file()
    twice = run(journal_dir, "feedback", "form", "--round", "Spring", "--output",
                str(tmp_path / "for Jo.pdf"))
    assert_clean_error(twice, 8)
    assert "already exists" in twice.stderr


def test_refusals_are_one_sentence_and_change_nothing(journal_dir, cheap_journal, tmp_path):
    for args, words in [
        (["round", "new", "X", "--invite", "boss=2"], "“boss” is not a rater group"),
        (["round", "new", "X", "--invite", "peer"], "is not GROUP=N"),
        (["round", "new", "X", "--invite", "peer=0"], "at least one form"),
        (["form", "--round", "X", "--output", str(tmp_path)], "no rounds yet"),
    ]:
        result = run(journal_dir, "feedback", *args)
        assert_clean_error(result, 2)
        assert words in result.stderr
    assert run(journal_dir, "feedback", "rounds").stdout == ""
    run(journal_dir, "feedback", "round", "new", "Autumn", "--invite", "peer=1")
    twice = run(journal_dir, "feedback", "round", "new", "AUTUMN", "--invite", "peer=1")
    assert_clean_error(twice, 2)
    assert "already exists" in twice.stderr
    gone = run(journal_dir, "feedback", "form", "--round", "Autumn", "--output",
               str(tmp_path / "missing"))
    assert_clean_error(gone, 2)
    assert list(tmp_path.iterdir()) == [journal_dir]


def test_the_feedback_commands_have_help(journal_dir):
    result = run(journal_dir, "feedback", "--help")
    assert result.returncode == 0
    for command in ("round", "rounds", "form", "import"):
        assert command in result.stdout
    assert "--paper" in run(journal_dir, "feedback", "form", "--help").stdout
