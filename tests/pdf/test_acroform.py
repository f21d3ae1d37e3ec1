"""The shared AcroForm reader on its own: nested field names, values of each kind, and the
limits that keep a hostile file cheap."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from reportlab.pdfgen.canvas import Canvas

from reflect.pdf import acroform
from reflect.pdf.acroform import UnreadablePdf, read_form_fields, with_properties


def _form() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.acroForm.textfield(name="note", value="hello", x=72, y=700)
    canvas.acroForm.radio(name="pick", value="b", selected=True, x=72, y=600)
    canvas.acroForm.radio(name="pick", value="c", x=100, y=600)
    canvas.showPage()
    canvas.save()
    return with_properties(out.getvalue(), {"/Mine": "yes"})


def test_fields_and_properties_read_back():
    form = read_form_fields(_form(), max_bytes=10**6, max_pages=2)
    assert form.fields["note"] == acroform.Field("/Tx", "hello")
    assert form.fields["pick"].type == "/Btn" and form.fields["pick"].value == "b"
    assert form.properties["/Mine"] == "yes" and form.pages == 1


@pytest.mark.parametrize(("data", "kind"), [
    (b"  ", acroform.EMPTY), (b"%PDF-" + b"x" * 100, acroform.TOO_LARGE),
    (b"GIF89a", acroform.DAMAGED), (b"%PDF-1.4\n1 0 obj <<>> endobj\n", acroform.DAMAGED),
])
def test_what_cannot_be_read_says_why(data, kind):
    with pytest.raises(UnreadablePdf) as caught:
        read_form_fields(data, max_bytes=50, max_pages=2)
    assert caught.value.kind == kind


def test_more_pages_than_a_form_has_is_refused():
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(50, 50)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UnreadablePdf) as caught:
        read_form_fields(out.getvalue(), max_bytes=10**6, max_pages=2)
    assert caught.value.kind == acroform.TOO_MANY_PAGES
