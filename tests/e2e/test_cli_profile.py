"""``reflect rate`` as a user runs it, and the PDF branch of ``reflect export``."""

import argparse
from datetime import date

import pytest
from pypdf import PdfReader

from reflect.cli.profile import check_pdf_args, export_pdf_command, parse_scores
from reflect.journal.journal import Journal
from reflect.pdf.secure import ExportError
from reflect.profile import ratings as profile
from reflect.profile.ratings import ProfileError
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run


def test_rate_self_target_and_others(journal_dir, cheap_journal):
    first = run(journal_dir, "rate", "--date", "2025-09-01", "values_driven=3",
                "partnerships=2")
    assert first.returncode == 0, first.stderr
    now = run(journal_dir, "rate", "--date", "2026-03-01", "--note",
              "values_driven=Held the line", "values_driven=5", "partnerships=2")
    assert now.returncode == 0, now.stderr
    assert "values_driven" in now.stdout and "(+2 since 2025-09-01)" in now.stdout
    assert "Saved 2 ratings (your own) dated 2026-03-01." in now.stderr
    target = run(journal_dir, "rate", "--as", "target", "--by", "2027-03-01",
                 "--date", "2026-03-01", "values_driven=5")
    assert target.returncode == 0, target.stderr
    for group in ("peer", "line manager"):
        other = run(journal_dir, "rate", "--as", "other", "--rater", group, "--date",
                    "2026-02-01", "values_driven=3", "partnerships=n/a")
        assert other.returncode == 0, other.stderr
    assert "blind spot" in other.stdout

    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        result = profile.load_profile(journal, as_of=date(2026, 3, 31))
    values = result.get("values_driven")
    assert values.current.note == "Held the line" and values.target.target_by == date(2027, 3, 1)
    assert values.others.average == 3 and values.finding == profile.BLIND_SPOT
    assert result.get("partnerships").others.not_observed == 2


@pytest.mark.parametrize("args, message", [
    (["values_driven=7"], "from 1 to 5"),
    (["leadership=3"], "not an attribute"),
    (["values_driven"], "ATTRIBUTE=SCORE"),
    (["values_driven=great"], "whole number"),
    (["--as", "other", "values_driven=3"], "rater group"),
    (["--rater", "peer", "values_driven=3"], "--as other"),
    (["values_driven=n/a"], "not observed"),
])
def test_rate_refuses_bad_input_in_one_sentence(journal_dir, cheap_journal, args, message):
    result = run(journal_dir, "rate", *args)
    assert_clean_error(result, 2)
    assert message in result.stderr


def test_rate_help_lists_the_attribute_ids(journal_dir, cheap_journal):
    result = run(journal_dir, "rate", "--help")
    assert result.returncode == 0
    for attribute in profile.attributes():
        assert attribute.id in result.stdout


def test_parse_scores():
    assert parse_scores(["values_driven=4", "partnerships=n/a"]) == {
        "values_driven": 4, "partnerships": None}
    with pytest.raises(ProfileError):
        parse_scores(["=4"])


def export_args(out, **changes):
    values = dict(output=str(out), date_from=None, date_to=None, include_shared=False,
                  password_env=None)
    values.update(changes)
    return argparse.Namespace(**values)


def test_export_pdf_command(new_journal, tmp_path, monkeypatch, capsys):
    profile.set_leader_name(new_journal, "Alex Morgan")
    profile.rate(new_journal, dict.fromkeys([a.id for a in profile.attributes()], 3))
    new_journal.add_entry("Shared thought", "For my mentor.", share_with_mentor=True)
    new_journal.add_entry("Private thought", "Only mine.")
    out = tmp_path / "pack.pdf"
    assert export_pdf_command(new_journal, export_args(out)) == 0
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Alex Morgan" in text and "Shared thought" not in text
    assert "Wrote the mentor pack" in capsys.readouterr().err

    monkeypatch.setenv("PACK_PASSWORD", "for the mentor")
    assert export_pdf_command(new_journal, export_args(
        out, include_shared=True, password_env="PACK_PASSWORD")) == 0
    assert "AES-256" in capsys.readouterr().err
    reader = PdfReader(str(out))
    assert reader.is_encrypted and reader.decrypt("for the mentor") != 0
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Shared thought" in text and "Private thought" not in text


def test_export_pdf_arguments_are_checked_before_unlocking(monkeypatch):
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(ExportError, match="NOT_SET_ANYWHERE"):
        check_pdf_args(export_args("x.pdf", password_env="NOT_SET_ANYWHERE"))
    with pytest.raises(ExportError, match="after"):
        check_pdf_args(export_args("x.pdf", date_from=date(2026, 2, 1),
                                   date_to=date(2026, 1, 1)))
    assert check_pdf_args(export_args("x.pdf")) is None


def test_export_pdf_through_the_real_program(journal_dir, cheap_journal, tmp_path):
    from pypdf import PdfReader

    from tests.e2e.conftest import run

    run(journal_dir, "rate", "values_driven=4", "partnerships=3")
    out = tmp_path / "pack.pdf"
    result = run(journal_dir, "export", "--output", str(out), "--password-env", "PACK_PW",
                 PACK_PW="mentor-only")
    assert result.returncode == 0, result.stderr
    assert out.stat().st_mode & 0o077 == 0
    reader = PdfReader(str(out))
    assert reader.is_encrypted
    reader.decrypt("mentor-only")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Values" in text
    missing = run(journal_dir, "export", "--output", str(tmp_path / "x.pdf"),
                  "--password-env", "NOT_SET_ANYWHERE")
    assert missing.returncode == 2 and "NOT_SET_ANYWHERE" in missing.stderr


def test_export_pdf_brief_options_through_the_real_program(journal_dir, cheap_journal,
                                                            tmp_path):
    """``--coach`` and ``--session`` go on the brief (page 1); ``--no-plan`` leaves the plan
    out, which is there by default (saying there is none yet)."""
    from tests.e2e.conftest import run

    out = tmp_path / "pack.pdf"
    result = run(journal_dir, "export", "--output", str(out), "--coach", "Dr Lee",
                 "--session", "2026-03-05")
    assert result.returncode == 0, result.stderr
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages]
    assert "Coach or mentor Dr Lee" in pages[0] and "Session 5 March 2026" in pages[0]
    assert "No development plan yet." in " ".join(pages)
    assert "Development plan: no development plan yet" in result.stderr
    result = run(journal_dir, "export", "--output", str(out), "--no-plan")
    assert result.returncode == 0, result.stderr
    assert "Development plan" not in " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
