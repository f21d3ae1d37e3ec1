"""A returned rater form read back: filled in as a reader does (pypdf writing the field values,
with its own appearances or NeedAppearances, radio values as text or as names) and found with
its ratings, group and form id; a blank form reads as nothing answered; a damaged, empty,
foreign, flattened or password-protected file, a form of another round and values out of
range are each refused with their reason, in one sentence naming the file; hostile files
(huge comments, wrong types, field loops, a decompression bomb, many pages) cost little."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zlib

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from reportlab.pdfgen.canvas import Canvas

from reflect.feedback import form_fields as ff
from reflect.feedback.form_pdf import rater_form
from reflect.feedback.form_read import (
    FOREIGN,
    NO_FIELDS,
    NOT_READABLE,
    OTHER_ROUND,
    OUT_OF_RANGE,
    PROTECTED,
    FormRefused,
    read_form,
)

ANSWERS = {
    ff.GROUP_FIELD: "/team_member",
    ff.score_field("values_driven"): "/4",
    ff.score_field("child_centred_decisions"): "/5",
    ff.score_field("partnerships"): "/not_observed",
    ff.comment_field("values_driven"):
        "Sam names the values in every team meeting.\r\nAnd acts on them.",
    ff.comment_field("corporate_buy_in"): "Not something I see.",
}


def _refused(source, round_uid, reason: str, **kwargs) -> str:
    with pytest.raises(FormRefused) as caught:
        read_form(source, round_uid, **kwargs)
    message = str(caught.value)
    assert caught.value.reason == reason, message
    assert "\n" not in message and message.endswith(".")
    return message


@pytest.mark.parametrize("how", ["pypdf appearances", "NeedAppearances", "names"])
def test_a_filled_form_reads_back_with_its_ratings_group_and_form_id(spring_form, spring, fill,
                                                                     tmp_path, how):
    filled = fill(spring_form, ANSWERS, need_appearances=how == "NeedAppearances",
                  as_names=how == "names")
    path = tmp_path / "from-a-team-member.pdf"
    path.write_bytes(filled)
    answers = read_form(path, spring.round_uid)
    assert answers.file_name == "from-a-team-member.pdf"
    assert answers.group == "team member" and answers.group_or_others == "team member"
    assert answers.scores == {"values_driven": 4, "child_centred_decisions": 5,
                              "partnerships": None}
    assert answers.comments == {
        "values_driven": "Sam names the values in every team meeting.\nAnd acts on them.",
        "corporate_buy_in": "Not something I see."}
    form_id = PdfReader(io.BytesIO(spring_form)).get_fields()[ff.FORM_ID_FIELD]["/V"]
    assert answers.form_id == form_id and answers.round_uid == spring.round_uid
    assert not answers.blank


def test_the_same_copy_read_twice_has_the_same_form_id_and_another_copy_another(spring, fill,
                                                                                spring_form):
    once = read_form(fill(spring_form, ANSWERS), spring.round_uid)
    again = read_form(fill(spring_form, {ff.score_field("values_driven"): "/2"}),
                      spring.round_uid)
    other = read_form(rater_form(spring, "Sam Okafor"), spring.round_uid)
    assert once.form_id == again.form_id != other.form_id


def test_a_blank_form_reads_as_nothing_answered(spring_form, spring, fill):
    answers = read_form(spring_form, spring.round_uid)
    assert answers.blank and answers.scores == {} and answers.comments == {}
    assert answers.group is None and answers.group_or_others == "other"
    only_group = read_form(fill(spring_form, {ff.GROUP_FIELD: "/line_manager",
                                              ff.comment_field("partnerships"): "  \n "}),
                           spring.round_uid)
    assert only_group.blank and only_group.group == "line manager"


def test_a_form_of_another_round_is_refused(spring_form, autumn, fill):
    message = _refused(fill(spring_form, ANSWERS), autumn.round_uid, OTHER_ROUND,
                       round_name=autumn.name, file_name="kestrel.pdf")
    assert message == ("kestrel.pdf is a form from another 360 round, not “Autumn 2025”: "
                       "import it into the round it was made for.")


def _foreign() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "A council survey, not a Reflect form.")
    canvas.acroForm.textfield(name=ff.comment_field("values_driven"), value="Looks like ours",
                              x=72, y=600)
    canvas.acroForm.textfield(name=ff.ROUND_FIELD, value="round-2026-spring", x=72, y=500)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _flattened_by_pypdf(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.remove_annotations(subtypes="/Widget")
    del writer.root_object["/AcroForm"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt("secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "reason", "says"), [
    ("empty", NOT_READABLE, "returned.pdf is empty"),
    ("damaged", NOT_READABLE, "returned.pdf is damaged or not a PDF"),
    ("not a pdf", NOT_READABLE, "returned.pdf is damaged or not a PDF"),
    ("truncated", None, "returned.pdf"),
    ("foreign", FOREIGN, "returned.pdf is not a 360 feedback form exported by Reflect"),
    ("flattened", NO_FIELDS, "returned.pdf: this form was printed, flattened or scanned: its "
                             "answers cannot be read; type them in on the Profile page."),
    ("paper", NO_FIELDS, "returned.pdf: this form was printed, flattened or scanned"),
    ("encrypted", PROTECTED, "returned.pdf is password-protected"),
    ("missing", NOT_READABLE, "returned.pdf could not be read"),
])
def test_a_file_that_is_not_a_returned_form_is_refused_with_its_reason(
        spring_form, spring, fill, tmp_path, kind, reason, says):
    path = tmp_path / "returned.pdf"
    def filled() -> bytes:
        return fill(spring_form, ANSWERS)

    contents = {
        "empty": lambda: b"", "damaged": lambda: b"%PDF-1.7\n\x00\xff garbage " * 50,
        "not a pdf": lambda: b"PK\x03\x04 a zip file, renamed",
        "truncated": lambda: filled()[: len(filled()) // 3], "foreign": _foreign,
        "flattened": lambda: _flattened_by_pypdf(filled()),
        "paper": lambda: rater_form(spring, "Sam", fillable=False),
        "encrypted": lambda: _encrypted(filled()),
    }
    if kind != "missing":
        path.write_bytes(contents[kind]())
    with pytest.raises(FormRefused) as caught:
        read_form(path, spring.round_uid)
    message = str(caught.value)
    assert message.startswith(says), message
    assert reason is None or caught.value.reason == reason
    assert "\n" not in message and message.endswith(".")


@pytest.mark.skipif(not shutil.which("pdftocairo"), reason="poppler's pdftocairo is missing")
def test_a_form_printed_to_pdf_by_another_program_is_read_as_flattened(spring_form, spring,
                                                                       fill, tmp_path):
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill(spring_form, ANSWERS))
    printed = tmp_path / "printed.pdf"
    subprocess.run(["pdftocairo", "-pdf", str(filled), str(printed)], check=True)
    assert _refused(printed, spring.round_uid, NO_FIELDS).startswith("printed.pdf: this form")


@pytest.mark.parametrize(("field", "value", "says"), [
    (ff.score_field("partnerships"), "/7", "the rating for “Partnerships” is “7”, not 1 to 5"),
    (ff.score_field("partnerships"), "/0", "the rating for “Partnerships” is “0”"),
    (ff.GROUP_FIELD, "/boss", "the group “boss” is not one the form offers"),
    (ff.comment_field("partnerships"), "x" * (ff.COMMENT_MAX + 1),
     f"the comment on “Partnerships” is {ff.COMMENT_MAX + 1:,} characters, more than"),
])
def test_values_out_of_range_are_refused(spring_form, spring, field, value, says):
    message = _refused(_with_value(spring_form, field, TextStringObject(value)),
                       spring.round_uid, OUT_OF_RANGE, file_name="odd.pdf")
    assert message.startswith(f"odd.pdf: {says}"), message


def test_values_of_the_wrong_type_are_refused(spring_form, spring):
    for field in (ff.score_field("values_driven"), ff.comment_field("values_driven"),
                  ff.GROUP_FIELD):
        _refused(_with_value(spring_form, field, NumberObject(4)), spring.round_uid,
                 OUT_OF_RANGE)
    # A hidden id of the wrong type falls back to the properties, which still name the round.
    answers = read_form(_with_value(spring_form, ff.ROUND_FIELD, ArrayObject()),
                        spring.round_uid)
    assert answers.blank


def test_a_missing_hidden_field_or_a_mangled_form_id_is_foreign(spring_form, spring):
    mangled = _with_value(spring_form, ff.FORM_ID_FIELD, TextStringObject("1234"))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(mangled)))
    writer.add_metadata({ff.FORM_ID_PROPERTY: "nope"})
    out = io.BytesIO()
    writer.write(out)
    assert "has no valid form id" in _refused(out.getvalue(), spring.round_uid, FOREIGN)
    wrong_kind = _with_value(spring_form, ff.KIND_FIELD, TextStringObject("Another form 9"))
    _refused(wrong_kind, spring.round_uid, FOREIGN)


def _with_value(pdf: bytes, name: str, value) -> bytes:
    """Write ``/V`` straight into a field, as a hostile or broken program might."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for field in writer.root_object["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if field.get("/T") == name:
            field[NameObject("/V")] = value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_field_tree_that_loops_is_read_without_hanging(spring_form, spring):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(spring_form)))
    fields = writer.root_object["/AcroForm"]["/Fields"]
    loop = DictionaryObject({NameObject("/T"): TextStringObject("loop")})
    ref = writer._add_object(loop)
    loop[NameObject("/Kids")] = ArrayObject([ref, ref])
    fields.append(ref)
    out = io.BytesIO()
    writer.write(out)
    assert read_form(out.getvalue(), spring.round_uid).blank


def test_a_decompression_bomb_and_many_pages_cost_little(spring_form, spring):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(spring_form)))
    bomb = StreamObject()
    bomb.set_data(b"")
    bomb._data = zlib.compress(b"\0" * 60_000_000, 9)
    bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(bomb)
    out = io.BytesIO()
    writer.write(out)
    started = time.monotonic()
    assert read_form(out.getvalue(), spring.round_uid).blank  # the page is never decoded
    assert time.monotonic() - started < 3

    many = PdfWriter()
    for _ in range(ff.MAX_PAGES + 1):
        many.add_blank_page(100, 100)
    out = io.BytesIO()
    many.write(out)
    assert "far more pages" in _refused(out.getvalue(), spring.round_uid, FOREIGN)


def test_a_file_far_too_large_is_refused_before_it_is_read(spring, tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(ff.MAX_BYTES + 1)
    assert "far too large" in _refused(path, spring.round_uid, NOT_READABLE)


_MUPDF_FILL = """
var doc = new PDFDocument(scriptArgs[0]);
var seen = {};
for (var p = 0; p < doc.countPages(); p++) {
  var ws = doc.loadPage(p).getWidgets();
  for (var i = 0; i < ws.length; i++) {
    var w = ws[i], label = w.getLabel();
    seen[label] = (seen[label] || 0) + 1;
    if (label == "Your group" && seen[label] == 2) w.toggle();               // Peer
    if (label == "Your rating: Values" && seen[label] == 3) w.toggle();      // 3
    if (label == "Your rating: Partnerships" && seen[label] == 6) w.toggle(); // Not observed
    if (label == "Your comment: Values") w.setTextValue("Typed in MuPDF: é and ż.");
    w.update();
  }
}
doc.save(scriptArgs[1], "incremental");
"""


@pytest.mark.skipif(not shutil.which("mutool"), reason="MuPDF's mutool is not installed")
def test_a_form_filled_in_another_pdf_program_reads_back(spring_form, spring, tmp_path):
    """MuPDF, a second PDF implementation, ticks and types as a rater's reader would."""
    script = tmp_path / "fill.js"
    script.write_text(_MUPDF_FILL, encoding="utf-8")
    blank, filled = tmp_path / "form.pdf", tmp_path / "filled-in-mupdf.pdf"
    blank.write_bytes(spring_form)
    subprocess.run(["mutool", "run", str(script), str(blank), str(filled)], check=True,
                   capture_output=True)
    answers = read_form(filled, spring.round_uid)
    assert answers.group == "peer"
    assert answers.scores == {"values_driven": 3, "partnerships": None}
    assert answers.comments == {"values_driven": "Typed in MuPDF: é and ż."}
