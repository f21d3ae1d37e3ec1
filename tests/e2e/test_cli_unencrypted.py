"""A PDF without a password is plaintext on disk: `reflect export` says so, as it does for
Markdown and JSON, and stays quiet about it when the PDF is encrypted."""

from pypdf import PdfReader

from tests.e2e.conftest import run


def test_an_unencrypted_pdf_export_warns(journal_dir, cheap_journal, tmp_path):
    run(journal_dir, "rate", "values_driven=4", "partnerships=3")
    plain = tmp_path / "pack.pdf"
    result = run(journal_dir, "export", "--output", str(plain))
    assert result.returncode == 0, result.stderr
    assert not PdfReader(str(plain)).is_encrypted
    warning = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warning == [f"reflect: warning: {plain} is not encrypted; anyone who can read the "
                       "file can read the mentor pack (--password-env sets a password)."]

    locked = tmp_path / "locked.pdf"
    result = run(journal_dir, "export", "--output", str(locked), "--password-env", "PACK_PW",
                 PACK_PW="mentor-only")
    assert result.returncode == 0, result.stderr
    assert PdfReader(str(locked)).is_encrypted
    assert "not encrypted" not in result.stderr
