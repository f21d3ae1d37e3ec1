"""The form a rater fills in about a leader: a fillable PDF (AcroForm) to send and have
returned, or the same pages to print, with boxes to tick instead of fields.

Radio buttons carry the choices (the rater's group; 1–5 or "not observed" per attribute):
reportlab draws an appearance for each state, so every reader (pdf.js in Firefox, poppler
in Evince, Acrobat) shows them alike, and pypdf reads the choice back as a plain name. The
round's uid and the copy's form id travel twice, in hidden fields and in the document's
properties; each copy has its own form id, so one form returned twice can be counted once.
Building returns bytes; nothing is written here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import KeepTogetherSplitAtTop

from reflect.common.dates import uk_date
from reflect.content.library import Attribute, load_attributes
from reflect.content.rater_wording import LEADER_FALLBACK, RaterWording, load_rater_wording
from reflect.feedback import form_fields as ff
from reflect.feedback.groups import ANONYMITY_RULE, RATER_GROUPS
from reflect.feedback.round_info import RoundInfo
from reflect.pdf.acroform import EDGE, field_style, hidden_text_field, whole, with_properties
from reflect.pdf.base import (
    CONTENT_WIDTH,
    FONT,
    INK,
    RULE,
    DocumentInfo,
    Styles,
    build_pdf,
    make_styles,
)
from reflect.pdf.richtext import escape

_BOX = 11  # points: a radio button, or the box to tick on paper
_COMMENT_HEIGHT = 30 * mm


@dataclass(frozen=True)
class _Copy:
    round: RoundInfo
    leader_name: str
    form_id: str
    fillable: bool


class ChoiceRow(Flowable):
    """One choice: a radio button per option in a row (or a box to tick on paper)."""

    def __init__(self, name: str, options: Sequence[tuple[str, str]], fillable: bool,
                 tooltip: str) -> None:
        super().__init__()
        self.name, self.options, self.fillable, self.tooltip = name, options, fillable, tooltip
        self.width, self.height = CONTENT_WIDTH, 7 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        # Each option takes its label's width, so a long one ("Line manager") never crowds
        # the next box, and the gaps are even (at most 12 mm, so a row reads as one choice).
        widths = [_BOX + 5 + canvas.stringWidth(label, FONT, 10) for _, label in self.options]
        gap = min((self.width - sum(widths)) / max(len(widths) - 1, 1), 12 * mm)
        x = 0.0
        for index, (value, label) in enumerate(self.options):
            if self.fillable:
                canvas.acroForm.radio(
                    name=self.name, value=value, x=whole(x), y=2, size=_BOX,
                    tooltip=self.tooltip, buttonStyle="circle", shape="square",
                    fieldFlags="noToggleToOff radio", **field_style())
            else:
                canvas.saveState()
                canvas.setStrokeColor(EDGE)
                canvas.setLineWidth(0.8)
                canvas.rect(x, 2, _BOX, _BOX)
                canvas.restoreState()
            canvas.setFont(FONT, 10)
            canvas.setFillColor(INK)
            canvas.drawString(x + _BOX + 5, 4.5, label)
            x += widths[index] + gap


class CommentBox(Flowable):
    """Room for a comment: a multi-line text field, or a ruled box on paper."""

    def __init__(self, name: str, fillable: bool, tooltip: str) -> None:
        super().__init__()
        self.name, self.fillable, self.tooltip = name, fillable, tooltip
        self.width, self.height = CONTENT_WIDTH, _COMMENT_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.fillable:
            canvas.acroForm.textfield(
                name=self.name, tooltip=self.tooltip, x=0, y=0, width=whole(self.width),
                height=whole(self.height), fieldFlags="multiline doNotScroll",
                maxlen=ff.COMMENT_MAX, fontSize=10, **field_style())
            return
        canvas.saveState()
        canvas.setStrokeColor(EDGE)
        canvas.setLineWidth(0.8)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for line in range(1, 5):
            y = self.height - line * (self.height / 5)
            canvas.line(3 * mm, y, self.width - 3 * mm, y)
        canvas.restoreState()


class HiddenIds(Flowable):
    """The round's uid, the form's kind and the copy's id, in fields no reader shows."""

    def __init__(self, copy: _Copy) -> None:
        super().__init__()
        self.copy = copy
        self.width = self.height = 0

    def draw(self) -> None:
        form = self.canv.acroForm
        for name, value in ((ff.KIND_FIELD, ff.FORM_KIND),
                            (ff.ROUND_FIELD, self.copy.round.round_uid),
                            (ff.FORM_ID_FIELD, self.copy.form_id)):
            hidden_text_field(form, name, value)


def _leader(name: str) -> tuple[str, str]:
    """The leader as named in running text, and at the start of a sentence."""
    shown = " ".join(name.split()) or LEADER_FALLBACK
    return shown, shown[:1].upper() + shown[1:]


def introduction(copy: _Copy, wording: RaterWording, s: Styles) -> list[Flowable]:
    """What the form is for, the workbook's own words, that no name is asked, the rule."""
    name, Name = _leader(copy.leader_name)
    groups = ", ".join(g.label.lower() for g in RATER_GROUPS[:-1]) + " or other"
    how = ("Choose your group, then for each question a rating from 1 (lowest) to 5 (highest), "
           "or “Not observed” if you have not seen this part of their work. Comments are "
           f"optional, up to {ff.COMMENT_MAX:,} characters each. Save the file and send it back "
           f"to {name}." if copy.fillable else
           "Tick one box for your group and one box for each question: 1 (lowest) to 5 "
           "(highest), or “Not observed” if you have not seen this part of their work. Write "
           f"any comments in the boxes and give the form back to {name}.")
    return [
        Paragraph("About this form", s.h2),
        Paragraph(escape(f"{Name} is asking people who work with them how they see their "
                         "leadership, on the five leadership attributes of the SFPC programme "
                         "(Strengthening Families, Protecting Children). The questions are the "
                         "ones leaders ask themselves, asked about them instead, as the "
                         "workbook suggests:"), s.body),
        Paragraph(escape(f"“{wording.workbook.text}”"), s.quote),
        Paragraph(escape(f"{wording.workbook.source}."), s.small),
        Spacer(1, 2 * mm),
        Paragraph(escape("Your name is not asked for: please do not write it, or anything that "
                         "would identify you, on this form."), s.body),
        Paragraph(escape(f"Answers are shown to {name} by group ({groups}). ")
                  + f"<b>{escape(ANONYMITY_RULE)}</b>", s.body),
        Paragraph(escape(how), s.body),
    ]


def _question_block(index: int, attribute: Attribute, copy: _Copy, wording: RaterWording,
                    s: Styles) -> Flowable:
    question = wording.question(attribute.id)
    name, _ = _leader(copy.leader_name)
    parts: list[Flowable] = [
        Paragraph(escape(f"{index}. {attribute.name}"), s.h3),
        Paragraph(f"<b>{escape(question.question_for(name))}</b>", s.body),
        Paragraph(escape(wording.five_label), s.small),
    ]
    readings = question.five_for(name)
    for number, reading in enumerate(readings):
        joiner = "Or: " if number else ""
        parts.append(Paragraph(escape(f"{joiner}“{reading}”"), s.quote))
    parts += [
        Paragraph(escape(f"{wording.adapted_from}."), s.small),
        Spacer(1, 1 * mm),
        ChoiceRow(ff.score_field(attribute.id), ff.SCORE_CHOICES, copy.fillable,
                  f"Your rating: {attribute.short_name}"),
        Spacer(1, 2 * mm),
        Paragraph(escape(f"Comment (optional, up to {ff.COMMENT_MAX:,} characters)"
                         if copy.fillable else "Comment (optional)"), s.small),
        CommentBox(ff.comment_field(attribute.id), copy.fillable,
                   f"Your comment: {attribute.short_name}"),
    ]
    return KeepTogether(parts)


def _story(copy: _Copy, attributes: Sequence[Attribute], wording: RaterWording) -> list[Any]:
    s = make_styles()
    name, _ = _leader(copy.leader_name)
    title = f"360 feedback for {name}" if copy.leader_name.strip() else "360 feedback"
    meta = (f"{copy.round.name} · opened {uk_date(copy.round.opened_on)} · "
            f"form {copy.form_id}")
    story: list[Any] = [
        HiddenIds(copy) if copy.fillable else Spacer(1, 0),
        Paragraph(escape(title), s.title),
        Paragraph(escape(meta), s.meta),
        *introduction(copy, wording, s),
        KeepTogetherSplitAtTop([
            Paragraph("Your group", s.h2),
            ChoiceRow(ff.GROUP_FIELD, [(g.key, g.label) for g in RATER_GROUPS], copy.fillable,
                      "Your group"),
        ]),
        Paragraph("The five attributes", s.h2),
    ]
    story += [_question_block(i, a, copy, wording, s) for i, a in enumerate(attributes, 1)]
    story += [Spacer(1, 4 * mm), Paragraph(escape(
        "Thank you. " + (f"Save the file and send it back to {name}." if copy.fillable
                         else f"Please give the form back to {name}.")), s.body)]
    return story


def _one(copy: _Copy, attributes: Sequence[Attribute], wording: RaterWording) -> bytes:
    name, _ = _leader(copy.leader_name)
    info = DocumentInfo(title=f"360 feedback for {name}", leader_name=copy.leader_name.strip(),
                        subject=f"Rater form, {copy.round.name}")
    return build_pdf(_story(copy, attributes, wording), info)


def rater_form(round: RoundInfo, leader_name: str, copies: int = 1, *,
               fillable: bool = True, attributes: Sequence[Attribute] | None = None,
               wording: RaterWording | None = None) -> bytes:
    """The form as PDF bytes: fillable (one copy: one rater, one file; see
    :func:`rater_forms`) or for paper (``copies`` forms in one file, each with its own id)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    if fillable and copies != 1:
        raise ValueError("a fillable form is one file per rater: use rater_forms()")
    attributes = tuple(attributes) if attributes is not None else load_attributes()
    wording = wording or load_rater_wording(attributes=attributes)
    ids = [ff.new_form_id() for _ in range(copies)]
    pdfs = [_one(_Copy(round, leader_name, form_id, fillable), attributes, wording)
            for form_id in ids]
    properties = {ff.KIND_PROPERTY: ff.FORM_KIND if fillable else ff.PAPER_KIND,
                  ff.ROUND_PROPERTY: round.round_uid, ff.FORM_ID_PROPERTY: " ".join(ids)}
    return with_properties(pdfs[0], properties) if len(pdfs) == 1 else _joined(pdfs, properties)


def rater_forms(round: RoundInfo, leader_name: str, copies: int) -> tuple[bytes, ...]:
    """``copies`` fillable forms, one file per rater, each with its own form id."""
    attributes = load_attributes()
    wording = load_rater_wording(attributes=attributes)
    return tuple(rater_form(round, leader_name, attributes=attributes, wording=wording)
                 for _ in range(copies))


def _joined(pdfs: Sequence[bytes], properties: dict[str, str]) -> bytes:
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(properties)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
