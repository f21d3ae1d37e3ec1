"""The rater form as written: read back with pypdf (its fields, their choices, the round and
form ids hidden and in the properties, the words a rater reads) and with poppler, a second PDF
implementation (its text, its pages rendered light with the fields drawn); the paper version
has the same words and no fields."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from reflect.content.rater_wording import load_rater_wording
from reflect.feedback import form_fields as ff
from reflect.feedback.form_pdf import rater_form, rater_forms
from reflect.feedback.groups import ANONYMITY_RULE, RATER_GROUPS

ATTRIBUTES = ("values_driven", "child_centred_decisions", "changing_practice", "partnerships",
              "corporate_buy_in")
poppler = pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
                             reason="poppler-utils (pdftoppm, pdftotext) is not installed")


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _states(field) -> set[str]:
    return {str(state).lstrip("/") for state in field.get("/_States_", [])}


def _widgets(pdf: bytes) -> dict[str, dict]:
    """Each field's own dictionary, by name (get_fields leaves /MaxLen out)."""
    reader = PdfReader(io.BytesIO(pdf))
    found = {}
    for field in reader.root_object["/AcroForm"]["/Fields"]:
        field = field.get_object()
        found[str(field["/T"])] = field
    return found


def test_the_fields_their_types_and_choices(spring_form):
    fields = PdfReader(io.BytesIO(spring_form)).get_fields()
    raw = _widgets(spring_form)
    expected = {ff.KIND_FIELD, ff.ROUND_FIELD, ff.FORM_ID_FIELD, ff.GROUP_FIELD,
                *(ff.score_field(a) for a in ATTRIBUTES),
                *(ff.comment_field(a) for a in ATTRIBUTES)}
    assert set(fields) == expected
    assert fields[ff.GROUP_FIELD]["/FT"] == "/Btn"
    assert _states(fields[ff.GROUP_FIELD]) == {g.key for g in RATER_GROUPS}
    for attribute in ATTRIBUTES:
        score = fields[ff.score_field(attribute)]
        assert score["/FT"] == "/Btn" and score.get("/V") in (None, "", "/Off")
        assert _states(score) == {"1", "2", "3", "4", "5", "not_observed"}
        comment = fields[ff.comment_field(attribute)]
        assert comment["/FT"] == "/Tx"
        assert raw[ff.comment_field(attribute)]["/MaxLen"] == ff.COMMENT_MAX
        assert raw[ff.comment_field(attribute)]["/Ff"] & 4096  # multiline


def test_the_round_and_a_form_id_are_hidden_fields_and_properties(spring_form, spring):
    reader = PdfReader(io.BytesIO(spring_form))
    fields = reader.get_fields()
    form_id = fields[ff.FORM_ID_FIELD]["/V"]
    assert ff.FORM_ID.fullmatch(form_id)
    assert fields[ff.ROUND_FIELD]["/V"] == spring.round_uid
    assert fields[ff.KIND_FIELD]["/V"] == ff.FORM_KIND
    assert reader.metadata[ff.ROUND_PROPERTY] == spring.round_uid
    assert reader.metadata[ff.FORM_ID_PROPERTY] == form_id
    hidden = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])
              if a.get_object().get("/T") in (ff.KIND_FIELD, ff.ROUND_FIELD, ff.FORM_ID_FIELD)]
    assert len(hidden) == 3 and all(a["/F"] & 2 for a in hidden)  # the Hidden flag


def test_every_copy_has_its_own_form_id(spring):
    ids = {PdfReader(io.BytesIO(pdf)).get_fields()[ff.FORM_ID_FIELD]["/V"]
           for pdf in rater_forms(spring, "Sam", 3)}
    assert len(ids) == 3
    with pytest.raises(ValueError, match="one file per rater"):
        rater_form(spring, "Sam", copies=2)


def test_the_rater_reads_third_person_questions_the_rule_and_no_name_is_asked(spring_form):
    text = _text(spring_form)
    wording = load_rater_wording()
    for question in wording.questions:
        assert " ".join(question.question_for("Sam Okafor").split()) in text
    assert "How much are you" not in text
    assert "Adapted from SFPC Workbook 1." in text
    assert wording.workbook.text in text and "Workbook 1, Part 2" in text
    assert ANONYMITY_RULE in text
    assert "Your name is not asked for" in text
    assert f"up to {ff.COMMENT_MAX:,} characters" in text
    assert "Spring 2026 · opened 2 March 2026 · form " in text


def test_without_a_name_the_form_says_this_leader(spring):
    text = _text(rater_form(spring, "  "))
    assert "How much is this leader living out" in text
    assert "This leader is asking people" in text


def test_the_paper_copies_have_the_same_words_boxes_and_their_own_ids(spring, spring_form):
    paper = rater_form(spring, "Sam Okafor", copies=2, fillable=False)
    reader = PdfReader(io.BytesIO(paper))
    assert not reader.get_fields()
    text = _text(paper)
    assert "Tick one box for your group" in text and ANONYMITY_RULE in text
    assert "Comment (optional)" in text and "characters)" not in text
    ids = re.findall(r"form ([2-9A-Z]{4}-[2-9A-Z]{4})", text)
    assert len(ids) == 2 and ids[0] != ids[1]
    assert reader.metadata[ff.FORM_ID_PROPERTY] == " ".join(ids)
    assert reader.metadata[ff.KIND_PROPERTY] == ff.PAPER_KIND
    per_copy = len(PdfReader(io.BytesIO(spring_form)).pages)
    assert len(reader.pages) == 2 * per_copy
    assert "Page 1 of 3" in reader.pages[per_copy].extract_text()  # each copy numbered alone


@poppler
def test_poppler_reads_the_words_and_draws_light_pages_with_the_fields(spring_form, fill,
                                                                         tmp_path):
    from PIL import Image

    filled = fill(spring_form, {ff.GROUP_FIELD: "/peer", ff.score_field("values_driven"): "/4",
                                ff.comment_field("values_driven"): "Clear about values."})
    pdf = tmp_path / "filled.pdf"
    pdf.write_bytes(filled)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "How much is Sam Okafor living out" in text and "Not observed" in text
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(filled)).pages)
    first = Image.open(pages[0]).convert("L")
    histogram = first.histogram()
    assert sum(histogram[241:]) / sum(histogram) > 0.8  # a light page
    # The comment typed in is drawn in its box (poppler draws the field's appearance).
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(spring_form)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(empty),
                    str(tmp_path / "blank")], check=True)
    blank = Image.open(next(tmp_path.glob("blank-*.png"))).convert("L")
    assert blank.histogram() != histogram


def test_an_attribute_id_with_a_dot_makes_a_plain_field_name():
    assert ff.score_field("my.own:one") == "score_my_own_one"
    assert Path(ff.comment_field("values_driven")).name == "comment_values_driven"
