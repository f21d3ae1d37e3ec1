"""Saving a PDF: optionally password-protected with AES-256, always written atomically, 0600.

reportlab can encrypt on its own, but only with RC4 (40 or 128 bit), which is broken; so the
finished document is encrypted in memory with pypdf (AES-256, PDF 2.0 security handler
revision 6) and only the encrypted bytes are ever written.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from reflect.common.atomic import atomic_write_bytes
from reflect.common.errors import ReflectError

ALGORITHM = "AES-256"


class ExportError(ReflectError):
    """The export cannot be written as asked (for instance an empty password)."""

    exit_code = 2


def encrypt(pdf: bytes, password: str) -> bytes:
    """Return ``pdf`` encrypted with AES-256; ``password`` opens it (as user and owner)."""
    if not password:
        raise ExportError("The PDF password is empty; give one or export without a password.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=password, algorithm=ALGORITHM)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def save_pdf(path: Path, pdf: bytes, password: str | None = None) -> Path:
    """Write ``pdf`` to ``path`` (encrypted first when a password is given); readable by the
    owner only, and a reader sees the old file or the new one, never half of either."""
    path = Path(path)
    data = encrypt(pdf, password) if password is not None else pdf
    atomic_write_bytes(path, data, mode=0o600)
    return path
