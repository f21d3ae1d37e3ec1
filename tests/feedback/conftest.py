"""A round, its rater form, and filling the form in as a rater's PDF reader does."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from reflect.feedback.form_pdf import rater_form
from reflect.feedback.round_info import RoundInfo

SPRING = RoundInfo("round-2026-spring", "Spring 2026", date(2026, 3, 2))
AUTUMN = RoundInfo("round-2025-autumn", "Autumn 2025", date(2025, 10, 6))

Fill = Callable[..., bytes]


@pytest.fixture(scope="session")
def spring_form() -> bytes:
    """One fillable copy for Sam in the spring round (made once: each test fills a clone)."""
    return rater_form(SPRING, "Sam Okafor")


def fill_form(pdf: bytes, values: dict[str, str], *, need_appearances: bool = False,
              as_names: bool = False) -> bytes:
    """Type into the fields and tick the choices, then save, as a reader does.

    pypdf writes the appearance of each text field itself (``auto_regenerate=False``), or,
    with ``need_appearances``, leaves that to the reader that opens the file by setting
    NeedAppearances. ``as_names`` writes the radio values as PDF names, as Acrobat and
    pdf.js save them (pypdf itself writes them as text "/4")."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    if need_appearances:
        writer.set_need_appearances_writer(True)
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=need_appearances)
    if as_names:
        for field in writer.root_object["/AcroForm"]["/Fields"]:
            field = field.get_object()
            value = field.get("/V")
            if field.get("/FT") == "/Btn" and isinstance(value, str) and value.startswith("/"):
                field[NameObject("/V")] = NameObject(value)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def fill() -> Fill:
    return fill_form


@pytest.fixture
def spring() -> RoundInfo:
    return SPRING


@pytest.fixture
def autumn() -> RoundInfo:
    return AUTUMN
