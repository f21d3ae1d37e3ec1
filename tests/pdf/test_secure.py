"""Saving PDFs: AES-256 (never reportlab's RC4), atomic, owner-only."""

import io
import os
import stat

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from reflect.pdf.base import DocumentInfo, build_pdf, make_styles
from reflect.pdf.secure import ExportError, encrypt, save_pdf


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    s = make_styles()
    return build_pdf([Paragraph("Confidential words about Žofie", s.body)],
                     DocumentInfo("Private title", "Žofie Dvořák", cover_page=False))


def test_encryption_is_aes_256_revision_6(plain_pdf):
    reader = PdfReader(io.BytesIO(encrypt(plain_pdf, "pässwörd")))
    assert reader.is_encrypted
    encrypt_dict = reader.trailer["/Encrypt"]
    assert (encrypt_dict["/V"], encrypt_dict["/R"]) == (5, 6)
    assert encrypt_dict["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert reader.decrypt("pässwörd") != 0
    assert "Confidential words about Žofie" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Private title"


def test_empty_password_is_refused(plain_pdf):
    with pytest.raises(ExportError, match="empty"):
        encrypt(plain_pdf, "")


def test_save_writes_owner_only_and_leaves_no_temp_file(plain_pdf, tmp_path):
    out = save_pdf(tmp_path / "a.pdf", plain_pdf)
    assert out.read_bytes() == plain_pdf
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    save_pdf(out, plain_pdf, password="secret words")
    raw = out.read_bytes()
    assert b"Private title" not in raw and "Dvořák".encode("utf-16-be") not in raw
    assert PdfReader(str(out)).is_encrypted
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_a_failed_save_keeps_the_old_file(plain_pdf, tmp_path):
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    with pytest.raises(ExportError):
        save_pdf(out, plain_pdf, password="")
    assert out.read_bytes() == b"old"
