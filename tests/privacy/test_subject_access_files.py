"""The subject-access export written as JSON and as PDF (read back with pypdf): Wren's
markers in, Heron's out; 0600, never over a file, encrypted only with a password."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from reflect.privacy import subject_access, subject_access_files, subject_access_pdf
from reflect.privacy.subject_access_files import ExportExists
from reflect.supervision.records import Supervision
from tests.privacy import sar_fixture


@pytest.fixture
def found(new_journal) -> subject_access.SubjectAccess:
    sup = Supervision(new_journal)
    sar_fixture.build(sup)
    return subject_access.collect(sup, "Wren")


def pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def assert_only_wren(text: str) -> None:
    flat = " ".join(text.split())
    for marker in sar_fixture.WREN:
        assert marker in flat, marker
    for marker in sar_fixture.HERON:
        assert marker.lower() not in flat.lower(), marker


def test_the_json_is_one_utf8_file_in_the_documented_shape(found, tmp_path):
    path = subject_access_files.write_json(found, tmp_path / "wren.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert (data["format"], data["version"], data["supervisee"]) == (
        "reflect-subject-access", 1, "Wren")
    assert list(data) == ["format", "version", "made_at", "supervisee", "about", "details",
                          "records", "group_records", "sessions", "actions", "disagreements",
                          "case_discussions", "comments", "drafts", "mentions"]
    assert data["mentions"] == {"included": False, "count": 1, "entries": []}
    assert [r["date"] for r in data["records"]] == ["2026-01-12", "2026-01-26", "2026-02-02"]
    wellbeing = next(s for s in data["records"][0]["sections"] if s["heading"] == "Wellbeing")
    assert wellbeing["sensitive"] and wellbeing["text"] == "wrenwellbeing: tired"
    assert_only_wren(path.read_text(encoding="utf-8"))


def test_the_pdf_holds_wren_and_not_heron(found, tmp_path):
    path = subject_access_pdf.write_pdf(found, tmp_path / "wren.pdf")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = pdf_text(path)
    assert_only_wren(text)
    flat = " ".join(text.split())
    assert "Subject access export" in flat and "Everything this supervision journal holds " \
        "about Wren" in flat
    assert "the supervisor's own notes are included" in flat
    assert "This file is not encrypted" in flat
    assert not PdfReader(io.BytesIO(path.read_bytes())).is_encrypted


def test_a_password_encrypts_the_pdf(found, tmp_path):
    path = subject_access_pdf.write_pdf(found, tmp_path / "wren.pdf", password="s3cret!")
    assert PdfReader(io.BytesIO(path.read_bytes())).is_encrypted
    assert b"wrenwellbeing" not in path.read_bytes()
    assert "protected with a password" in pdf_text(path, "s3cret!")


@pytest.mark.parametrize("kind", ["json", "pdf"])
def test_an_existing_file_is_never_replaced(found, tmp_path, kind):
    (folder := tmp_path / "out").mkdir()
    path = folder / f"old.{kind}"
    path.write_bytes(b"someone's earlier export")
    write = subject_access_files.write_json if kind == "json" else subject_access_pdf.write_pdf
    with pytest.raises(ExportExists, match="already exists; nothing was written") as caught:
        write(found, path)
    assert caught.value.exit_code == 8
    assert path.read_bytes() == b"someone's earlier export"
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_mentions_asked_for_come_in_their_own_marked_section(new_journal, tmp_path):
    sup = Supervision(new_journal)
    sar_fixture.build(sup)
    found = subject_access.collect(sup, "Wren", include_mentions=True)
    text = " ".join(pdf_text(subject_access_pdf.write_pdf(found, tmp_path / "w.pdf")).split())
    before, _, after = text.partition("For the leader to review before sending")
    assert sar_fixture.MENTION in after and sar_fixture.MENTION not in before
    assert "heronreflection" not in text


def test_a_file_system_without_hard_links_still_gets_the_export(tmp_path, monkeypatch):
    """FAT and exFAT sticks refuse hard links (Windows: "Incorrect function", EINVAL): the
    export is still written whole, owner-only, and an existing file is still never replaced."""
    import errno
    import os

    from reflect.privacy.subject_access_files import ExportExists, write_new

    def no_links(_src, _dst):
        raise OSError(errno.EINVAL, "Incorrect function")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "export.json"
    write_new(target, b'{"format": "reflect-subject-access"}\n')
    assert target.read_bytes() == b'{"format": "reflect-subject-access"}\n'
    assert list(tmp_path.iterdir()) == [target]  # no temp file left behind
    with pytest.raises(ExportExists):
        write_new(target, b"other")
    assert target.read_bytes() == b'{"format": "reflect-subject-access"}\n'
