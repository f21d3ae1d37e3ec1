"""The supervisee's copy of a record, and their comments read back from it.

The copy leaves out sensitive sections and the supervisor's own notes (``audience =
"supervisor"``) and ends with room for comments: as a fillable PDF (a comments box, "I agree
this is an accurate record", name and date) the supervisee types into and returns, or as a
printout with the same lines to write on. It renders the same outline as every other export
(:func:`~reflect.supervision.record_export.record_outline`), so it never says something the
record does not.

The PDF carries the record's uid twice, in a hidden field and in its properties, so a returned
file is matched to its record. Reading one back (:func:`read_returned`) only reads: a damaged,
empty, encrypted or foreign PDF raises :class:`ReturnedPdfError`, one sentence naming the file,
and nothing is taken in until the person confirms (:func:`take_in`). Qt-free.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypedDict

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from reflect.common.dates import NotADate, read_typed_date, uk_date
from reflect.common.errors import ReflectError
from reflect.pdf.base import CONTENT_WIDTH, FONT, INK, MUTED, DocumentInfo, build_pdf, make_styles
from reflect.pdf.secure import save_pdf
from reflect.supervision import agreement as agreement_mod
from reflect.supervision.agreement import VIA_PDF, Agreement, AgreementError, Comment
from reflect.supervision.record_export import Record, record_markdown, record_title
from reflect.supervision.record_pdf import record_story
from reflect.supervision.records import Supervision, SupervisionError

FORM_ID = "Reflect supervisee comments 1"
RECORD_FIELD, FORM_FIELD = "reflect_record", "reflect_form"
COMMENTS_FIELD, AGREED_FIELD = "comments", "agreed"
NAME_FIELD, DATE_FIELD = "signed_name", "signed_date"
AGREE_TEXT = "I agree this is an accurate record"
MAX_BYTES = 20 * 1024 * 1024  # far above any returned form; beyond it a file is not one
_BOX = HexColor("#FFFFFF")
_EDGE = HexColor("#5A5A5A")
INTRO = ("Please read the record above. Write below anything you would add or see "
         "differently, tick the box if you agree it is an accurate record, add your name or "
         "initials and the date, save the file and send it back.")


class ReturnedPdfError(ReflectError):
    """A returned PDF that cannot be read in; the message names the file and says why."""

    exit_code = 2


class SuperviseeCut(TypedDict):
    include_sensitive: bool
    for_supervisee: bool


def supervisee_outline_kwargs() -> SuperviseeCut:
    """What the supervisee's copy leaves out, in one place for the PDF and the printout."""
    return {"include_sensitive": False, "for_supervisee": True}


# --- the fillable PDF ----------------------------------------------------------------------


def _pt(value: float) -> int:
    """reportlab's form fields take whole points."""
    return round(value)


class CommentsForm(Flowable):
    """The fields the supervisee fills in, drawn as AcroForm fields, with a hidden field
    naming the record."""

    COMMENTS_HEIGHT = 62 * mm

    def __init__(self, uid: str) -> None:
        super().__init__()
        self.uid = uid
        self.width, self.height = CONTENT_WIDTH, self.COMMENTS_HEIGHT + 40 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, form = self.canv, self.canv.acroForm
        top = self.height
        style: dict[str, Any] = {"borderColor": _EDGE, "fillColor": _BOX, "textColor": INK,
                                 "borderWidth": 0.8, "relative": True}

        def label(text: str, x: float, y: float, size: float = 9.5) -> None:
            canvas.setFont(FONT, size)
            canvas.setFillColor(MUTED)
            canvas.drawString(x, y, text)

        label("Your comments (optional)", 0, top - 4 * mm)
        box_top = top - 6 * mm
        form.textfield(name=COMMENTS_FIELD, tooltip="Your comments on this record",
                       x=0, y=_pt(box_top - self.COMMENTS_HEIGHT), width=_pt(self.width),
                       height=_pt(self.COMMENTS_HEIGHT), fieldFlags="multiline doNotSpellCheck",
                       maxlen=agreement_mod.COMMENT_MAX, fontSize=10, **style)
        row = box_top - self.COMMENTS_HEIGHT - 12 * mm
        form.checkbox(name=AGREED_FIELD, tooltip=AGREE_TEXT, x=0, y=_pt(row), size=13,
                      fieldFlags="", buttonStyle="check", **style)
        canvas.setFont(FONT, 10.5)
        canvas.setFillColor(INK)
        canvas.drawString(19, row + 3, AGREE_TEXT)
        line = row - 16 * mm
        label("Your name or initials", 0, line + 8 * mm)
        form.textfield(name=NAME_FIELD, tooltip="Your name or initials", x=0, y=_pt(line),
                       width=_pt(95 * mm), height=_pt(7 * mm), maxlen=80, fontSize=10, **style)
        label("Date (day/month/year)", 105 * mm, line + 8 * mm)
        form.textfield(name=DATE_FIELD, tooltip="The date, day/month/year",
                       x=_pt(105 * mm), y=_pt(line), width=_pt(45 * mm),
                       height=_pt(7 * mm), maxlen=20,
                       fontSize=10, **style)
        for name, value in ((RECORD_FIELD, self.uid), (FORM_FIELD, FORM_ID)):
            form.textfield(name=name, value=value, x=0, y=0, width=1, height=1,
                           annotationFlags="hidden", fieldFlags="readOnly", maxlen=100,
                           relative=True, borderWidth=0)


def supervisee_pdf(record: Record) -> bytes:
    """The supervisee's copy as fillable PDF bytes (nothing is written)."""
    s = make_styles()
    ending = [KeepTogether([Spacer(1, 4 * mm), Paragraph("Your comments and agreement", s.h3),
                            Paragraph(INTRO, s.small), Spacer(1, 2 * mm),
                            CommentsForm(record.entry.uid)])]
    story = record_story(record, **supervisee_outline_kwargs(), ending=ending)
    title = record_title(record.entry, record.template) if record.template else "Record"
    pdf = build_pdf(story, DocumentInfo(title=title, subject="Supervision record for the "
                                        "supervisee to comment on and agree"))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/ReflectRecord": record.entry.uid, "/ReflectForm": FORM_ID})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_supervisee_pdf(record: Record, path: Path) -> Path:
    """Write the fillable copy to ``path`` (atomic, owner-only); returns the path."""
    return save_pdf(Path(path), supervisee_pdf(record))


# --- the printout ----------------------------------------------------------------------------


def supervisee_print_markdown(supervision: Supervision, entry_id: int) -> str:
    """The copy to print: the record as the supervisee reads it, then lines to write on."""
    rec = supervision.record(entry_id)
    if rec.template is None:
        raise SupervisionError(f"The template '{rec.entry.template_id}' is missing.")
    text = record_markdown(rec.entry, rec.template, rec.person, rec.actions,
                           **supervisee_outline_kwargs())
    ruled = "\n\n".join(["." * 90] * 8)
    return "\n".join([text.rstrip(), "", "## Your comments and agreement", "",
                      INTRO.replace("save the file and send it back",
                                    "and give it back"), "", ruled, "",
                      f"☐ {AGREE_TEXT}", "",
                      f"Name or initials {'.' * 40}  Date {'.' * 20}", ""])


# --- reading a returned PDF back -----------------------------------------------------------


@dataclass(frozen=True)
class Returned:
    """What a returned form says. ``on`` is the date written on it, else the day it was
    read (``dated`` says which)."""

    path: Path
    comments: str
    agreed: bool
    on: date
    dated: bool
    name: str

    def summary(self) -> list[str]:
        when = uk_date(self.on) if self.dated else f"{uk_date(self.on)} (no date written on it)"
        return [f"Comments: {self.comments}" if self.comments else "Comments: none",
                f"Agreed: {'yes' if self.agreed else 'no'}", f"Date: {when}",
                *([f"Name or initials: {self.name}"] if self.name else [])]


def _text(fields: dict[str, Any], name: str) -> str:
    found = fields.get(name)
    value = found.get("/V") if isinstance(found, dict) else None
    return str(value).strip() if isinstance(value, str) else ""


def _ticked(fields: dict[str, Any]) -> bool:
    found = fields.get(AGREED_FIELD)
    value = found.get("/V") if isinstance(found, dict) else None
    return str(value or "").lstrip("/") not in ("", "Off", "No", "False", "None")


def _read_date(text: str, today: date) -> date | None:
    if not text:
        return None
    for form in ("%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(" ".join(text.split()), form).date()
        except ValueError:
            pass
    try:
        day = read_typed_date(text)
    except NotADate:
        return None
    return day if day <= today else None


def _open(path: Path) -> tuple[PdfReader, dict[str, Any]]:
    name = path.name
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        raise ReturnedPdfError(f"{name} could not be read ({exc.strerror or exc}): check the "
                               "file is still there.") from None
    if size > MAX_BYTES:
        raise ReturnedPdfError(f"{name} is far too large to be a returned comments form.")
    if not data.strip():
        raise ReturnedPdfError(f"{name} is empty: ask for the filled-in PDF again.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ReturnedPdfError(f"{name} is password-protected: ask for a copy saved "
                                   "without a password.")
        fields = reader.get_fields() or {}
        meta = dict(reader.metadata or {})
    except ReturnedPdfError:
        raise
    except Exception:  # pypdf raises many kinds on a damaged or hostile file
        raise ReturnedPdfError(f"{name} is damaged or not a PDF: ask for the filled-in PDF "
                               "again.") from None
    return reader, {**{k: v for k, v in fields.items() if isinstance(v, dict)},
                    "_meta": meta}


def read_returned(path: Path, record_uid: str, record_title: str = "",
                  today: date | None = None) -> Returned:
    """What a returned form of the record ``record_uid`` says; only reads."""
    path, today = Path(path), today or date.today()
    _reader, fields = _open(path)
    meta = fields.pop("_meta")
    uid = _text(fields, RECORD_FIELD) or str(meta.get("/ReflectRecord") or "").strip()
    form = _text(fields, FORM_FIELD) or str(meta.get("/ReflectForm") or "").strip()
    if not uid or form != FORM_ID:
        raise ReturnedPdfError(f"{path.name} is not a comments form exported by Reflect: "
                               "choose the PDF made with “Export for the supervisee…”.")
    if uid != record_uid:
        other = str(meta.get("/Title") or "").strip()
        which = f" (“{other}”)" if other and other != record_title else ""
        raise ReturnedPdfError(f"{path.name} is the comments form of another record{which}, "
                               "not this one: open that record to read it back.")
    comments = _text(fields, COMMENTS_FIELD)
    if len(comments) > agreement_mod.COMMENT_MAX:
        raise ReturnedPdfError(f"The comments in {path.name} are too long to take in.")
    agreed = _ticked(fields)
    if not comments and not agreed:
        raise ReturnedPdfError(f"{path.name} has no comments and the agreement box is not "
                               "ticked: there is nothing to read in yet.")
    written = _read_date(_text(fields, DATE_FIELD), today)
    return Returned(path, comments, agreed, written or today, written is not None,
                    " ".join(_text(fields, NAME_FIELD).split())[:80])


def take_in(current: Agreement, returned: Returned) -> Agreement:
    """The agreement with the returned comments appended (dated) and, when ticked, agreed
    on the form's date; sharing is implied by a returned form."""
    result = current
    if returned.comments:
        try:
            text = agreement_mod.clean_comment(returned.comments)
        except AgreementError as exc:
            raise ReturnedPdfError(str(exc)) from None
        result = result.with_comment(Comment(returned.on, text, VIA_PDF))
    shared = result.shared_on or returned.on
    agreed = returned.on if returned.agreed else result.agreed_on
    return Agreement(min(shared, returned.on), agreed, result.comments)


def apply_returned(supervision: Supervision, entry_id: int, returned: Returned) -> Record:
    """Store what :func:`read_returned` found in the record (one transaction)."""
    rec = supervision.record(entry_id)
    entry = agreement_mod.store(rec.entry, take_in(agreement_mod.agreement_of(rec.entry),
                                                   returned))
    return supervision.save_record(entry, rec.actions)
