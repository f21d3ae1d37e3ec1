"""Fillable forms (AcroForm) written with reportlab and read back with pypdf, for any form a
person fills in and returns.

Writing: the style every field shares (a white box with a dark edge, so it shows on paper
and on screen in any reader), hidden fields that carry ids, and custom document properties.

Reading a returned file is reading hostile input: it may be anything with a ``.pdf`` name.
:func:`read_form_fields` reads only the document's properties and its form fields (never the
page contents), walks the field tree itself with limits on depth and count, refuses more
pages or bytes than a form can have, and tightens pypdf's decompression limits while it
reads, so a PDF bomb costs little. It raises :class:`UnreadablePdf` with a ``kind`` the
caller turns into its own sentence.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter, apply_configuration
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.lib.colors import HexColor

from reflect.pdf.base import INK

BOX = HexColor("#FFFFFF")
EDGE = HexColor("#5A5A5A")

# Kinds of UnreadablePdf.
EMPTY, TOO_LARGE, DAMAGED, ENCRYPTED, TOO_MANY_PAGES = (
    "empty", "too_large", "damaged", "encrypted", "too_many_pages")

_INFLATE_LIMIT = 16 * 1024 * 1024  # bytes one stream may decompress to while reading a form
_MAX_DEPTH = 6


def whole(value: float) -> int:
    """reportlab's form fields take whole points."""
    return round(value)


def field_style(**extra: Any) -> dict[str, Any]:
    """Keyword arguments for reportlab's ``acroForm`` fields: white box, dark edge, ink."""
    return {"borderColor": EDGE, "fillColor": BOX, "textColor": INK, "borderWidth": 0.8,
            "relative": True, **extra}


def hidden_text_field(form: Any, name: str, value: str) -> None:
    """A read-only field no reader shows or prints, carrying ``value`` back in a returned file."""
    form.textfield(name=name, value=value, x=0, y=0, width=1, height=1,
                   annotationFlags="hidden", fieldFlags="readOnly", maxlen=100,
                   relative=True, borderWidth=0)


def with_properties(pdf: bytes, properties: dict[str, str]) -> bytes:
    """``pdf`` with custom document properties (``{"/ReflectRound": uid}``) added."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(properties)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class UnreadablePdf(Exception):
    """A file that cannot be read as a form; ``kind`` says why (one of the constants above)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Field:
    """One terminal field: its type (``/Tx``, ``/Btn``, ``/Ch``) and value as text.

    ``value`` is None when the field has none (or an empty one); names (``/4``) and text both
    come back as text, a name without its slash. ``odd`` is set when the value was of a kind
    no form field of ours holds (a number, an array, a dictionary)."""

    type: str
    value: str | None
    odd: bool = False


@dataclass(frozen=True)
class FormFields:
    fields: dict[str, Field]
    properties: dict[str, str]
    pages: int


def _value(raw: Any) -> tuple[str | None, bool]:
    if raw is None:
        return None, False
    if isinstance(raw, NameObject):
        text = str(raw)[1:]
        return (text or None), False
    if isinstance(raw, (TextStringObject, str)):
        return (str(raw) or None), False
    return None, True


def _walk(node: Any, prefix: str, inherited_type: str, depth: int, seen: set[int],
          out: dict[str, Field], max_fields: int) -> None:
    if depth > _MAX_DEPTH or len(out) > max_fields:
        return
    ref = getattr(node, "idnum", None)
    if ref is not None:
        if ref in seen:
            return
        seen.add(ref)
    field = _deref(node)
    if not isinstance(field, DictionaryObject):
        return
    part = field.get("/T")
    name = prefix
    if isinstance(part, (TextStringObject, str)):
        name = f"{prefix}.{part}" if prefix else str(part)
    field_type = field.get("/FT")
    ftype = str(field_type) if isinstance(field_type, NameObject) else inherited_type
    kids = _deref(field.get("/Kids"))
    kids = list(kids[:max_fields]) if isinstance(kids, ArrayObject) else []
    # Kids with names are child fields; kids without are the widgets of this one.
    if any(isinstance(_deref(k), DictionaryObject) and "/T" in _deref(k) for k in kids):
        for kid in kids:
            _walk(kid, name, ftype, depth + 1, seen, out, max_fields)
        return
    if name and name not in out:
        value, odd = _value(_deref(field.get("/V")))
        out[name] = Field(ftype, value, odd)


def read_form_fields(data: bytes, *, max_bytes: int, max_pages: int,
                     max_fields: int = 200) -> FormFields:
    """The form fields and document properties of ``data``; raises :class:`UnreadablePdf`."""
    if not data.strip():
        raise UnreadablePdf(EMPTY)
    if len(data) > max_bytes:
        raise UnreadablePdf(TOO_LARGE)
    if b"%PDF-" not in data[:1024]:
        raise UnreadablePdf(DAMAGED)
    try:
        with apply_configuration(zlib_maximum_output_length=_INFLATE_LIMIT,
                                 lzw_maximum_output_length=_INFLATE_LIMIT,
                                 run_length_maximum_output_length=_INFLATE_LIMIT,
                                 brotli_maximum_output_length=_INFLATE_LIMIT,
                                 array_maximum_element_count=10_000,
                                 dictionary_maximum_element_count=10_000,
                                 form_fields_maximum_entries=max_fields,
                                 page_tree_maximum_entries=max_pages * 4 + 16):
            return _read(data, max_pages, max_fields)
    except UnreadablePdf:
        raise
    except Exception:  # pypdf raises many kinds on a damaged or hostile file
        raise UnreadablePdf(DAMAGED) from None


def _deref(obj: Any) -> Any:
    """The object an indirect reference points at (pypdf's objects, read lazily)."""
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _read(data: bytes, max_pages: int, max_fields: int) -> FormFields:
    reader = PdfReader(io.BytesIO(data), strict=False, root_object_recovery_limit=200,
                       xref_stream_maximum_entries=50_000)
    if reader.is_encrypted:
        try:  # saved with only an owner password, as some readers do: it opens as it is
            opened = bool(reader.decrypt(""))
        except Exception:
            opened = False
        if not opened:
            raise UnreadablePdf(ENCRYPTED)
    root: Any = _deref(reader.trailer["/Root"])
    count = _deref(_deref(root["/Pages"]).get("/Count"))
    if not isinstance(count, int) or count < 1:
        raise UnreadablePdf(DAMAGED)
    if count > max_pages:
        raise UnreadablePdf(TOO_MANY_PAGES)
    properties: dict[str, str] = {}
    info = _deref(reader.trailer.get("/Info"))
    if isinstance(info, DictionaryObject):
        for key, raw in list(info.items())[:50]:
            value, _odd = _value(_deref(raw))
            if value is not None and len(value) <= 1000:
                properties[str(key)] = value
    fields: dict[str, Field] = {}
    acro = _deref(root.get("/AcroForm"))
    top = _deref(acro.get("/Fields")) if isinstance(acro, DictionaryObject) else None
    if isinstance(top, ArrayObject):
        seen: set[int] = set()
        for node in top[:max_fields]:
            _walk(node, "", "", 0, seen, fields, max_fields)
    return FormFields(fields, properties, count)
