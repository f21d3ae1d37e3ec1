"""``reflect export --person CODE`` as a script runs it: the subject-access export of Wren
holds every Wren marker and no Heron marker, in JSON and PDF; an unknown code name or an
existing file writes nothing."""

from __future__ import annotations

import io
import json
import stat

import pytest
from pypdf import PdfReader

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run
from tests.privacy import sar_fixture


@pytest.fixture
def two_supervisees(journal_dir, cheap_journal):
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        sar_fixture.build(Supervision(journal))


def _only_wren(text: str) -> None:
    flat = " ".join(text.split())
    assert all(m in flat for m in sar_fixture.WREN)
    assert not [m for m in sar_fixture.HERON if m.lower() in flat.lower()]


def test_json_for_wren_holds_wren_and_not_heron(journal_dir, tmp_path, two_supervisees):
    out = tmp_path / "wren.json"
    result = run(journal_dir, "export", "--person", "wren", "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stderr and "1 other entries mention 'Wren'" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["supervisee"] == "Wren"
    _only_wren(out.read_text(encoding="utf-8"))


def test_pdf_with_a_password_for_wren(journal_dir, tmp_path, two_supervisees):
    out = tmp_path / "wren.pdf"
    result = run(journal_dir, "export", "--person", "Wren", "--format", "pdf", "-o", str(out),
                 "--password-env", "SAR_PW", SAR_PW="open sesame")
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" not in result.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.is_encrypted and reader.decrypt("open sesame")
    _only_wren("\n".join(p.extract_text() for p in reader.pages))


def test_an_unknown_code_name_lists_the_known_ones_and_writes_nothing(journal_dir, tmp_path,
                                                                      two_supervisees):
    out = tmp_path / "x.json"
    result = run(journal_dir, "export", "--person", "Kestrel", "--format", "json", "-o",
                 str(out))
    assert_clean_error(result, 2)
    assert "the code names are: Heron, Wren" in result.stderr
    assert not out.exists()


def test_an_existing_file_is_refused_before_unlocking(journal_dir, tmp_path, two_supervisees):
    out = tmp_path / "old.pdf"
    out.write_bytes(b"keep me")
    result = run(journal_dir, "export", "--person", "Wren", "--format", "pdf", "-o", str(out),
                 REFLECT_PASSPHRASE=None)  # refused before any passphrase is asked for
    assert_clean_error(result, 8)
    assert out.read_bytes() == b"keep me"


def test_markdown_is_not_a_subject_access_format(journal_dir, tmp_path, two_supervisees):
    result = run(journal_dir, "export", "--person", "Wren", "--format", "md", "-o",
                 str(tmp_path / "w.md"))
    assert_clean_error(result, 2)
    assert not (tmp_path / "w.md").exists()
